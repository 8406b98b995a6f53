"""`flask copy-to-postgresql URL` moves a SQLite portal to a new PostgreSQL database on the
local server — in both CI passes: the source is always a SQLite instance of its own."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal import create_app, migrations
from portal.backup.archive import table_counts
from portal.db import make_engine
from portal.library.models import Category
from portal.petitions.models import Petition
from portal.units.service import load_units
from tests.deploy.instances import fresh_instance, instance_config, postgres_database
from tests.petitions.test_public_answers import add_petition


def _fill(url: str) -> dict:
    engine = make_engine(url)
    try:
        with Session(engine, expire_on_commit=False) as s:
            load_units(s)  # 3,356 committees whose parents are rows of the same table
            first = add_petition(s, unit="31", name="Nguyễn Văn A", phone="0912345678")
            twin = add_petition(s, unit="31", status="received", answer_days=None)
            twin.merged_into_id = first.id  # a row pointing at its own table
            top = Category(slug="phap-luat", name="Pháp luật")
            s.add(top)
            s.flush()
            s.add(Category(slug="dat-dai", name="Đất đai", parent_id=top.id))
            s.commit()
            return {"codes": {first.code, twin.code}, "twin": twin.code, "first_created": first.created_at}
    finally:
        engine.dispose()


def test_a_sqlite_portal_moves_to_postgresql(app, app_config, tmp_path):
    with fresh_instance(app, app_config, tmp_path / "sqlite", f"sqlite:///{tmp_path / 'sqlite' / 'portal.db'}") as old:
        migrations.upgrade(old.config["DATABASE_URL"])
        made = _fill(old.config["DATABASE_URL"])
        with postgres_database() as target:
            result = old.test_cli_runner().invoke(args=["copy-to-postgresql", target])
            assert result.exit_code == 0, result.output
            source, copy = make_engine(old.config["DATABASE_URL"]), make_engine(target)
            try:
                with source.connect() as a, copy.connect() as b:
                    assert table_counts(a) == table_counts(b) and table_counts(b)["units"] >= 3356
                with Session(copy) as s:
                    assert set(s.scalars(select(Petition.code))) == made["codes"]
                    twin = s.scalars(select(Petition).where(Petition.code == made["twin"])).one()
                    first = s.get(Petition, twin.merged_into_id)
                    assert first is not None and first.code in made["codes"] and first.code != twin.code
                    first_code = first.code
                    assert first.created_at == made["first_created"] and first.phone == "0912345678"
                    child = s.scalars(select(Category).where(Category.slug == "dat-dai")).one()
                    assert child.parent.slug == "phap-luat"
                    # sequences moved past the copied ids: new rows get new ids
                    top = s.scalar(select(func.max(Petition.id)))
                    assert add_petition(s, unit="31").id == top + 1
                # the portal runs on the copy
                pg_app = create_app(instance_config(app_config, tmp_path / "pg", target))
                assert pg_app.test_client().get(f"/phan-anh/{first_code}").status_code == 200
                # a second copy into the same database is refused (it is no longer empty)
                again = old.test_cli_runner().invoke(args=["copy-to-postgresql", target])
                assert again.exit_code != 0 and "not empty" in again.output
            finally:
                from portal.db import db

                db.session.remove()
                db.engine.dispose()
                source.dispose()
                copy.dispose()


def test_the_target_must_be_postgresql(app, app_config, tmp_path):
    with fresh_instance(app, app_config, tmp_path / "sqlite", f"sqlite:///{tmp_path / 'sqlite' / 'portal.db'}") as old:
        result = old.test_cli_runner().invoke(args=["copy-to-postgresql", f"sqlite:///{tmp_path / 'other.db'}"])
        assert result.exit_code != 0 and "PostgreSQL" in result.output
