from sqlalchemy import select

from portal.accounts.models import User


def test_create_user_command(app, session, monkeypatch):
    monkeypatch.setenv("PORTAL_PASSWORD", "a long cli password")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "xuly@example.org", "--role", "handler", "--unit", "11311"])
    assert result.exit_code == 0, result.output
    assert "Phường Hồng Bàng" in result.output
    user = session.scalar(select(User).where(User.email == "xuly@example.org"))
    assert user.role == "handler" and user.unit.code == "11311"


def test_create_user_command_errors(app, monkeypatch):
    monkeypatch.setenv("PORTAL_PASSWORD", "a long cli password")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "a@example.org", "--role", "handler", "--unit", "99999"])
    assert result.exit_code != 0 and "no committee" in result.output
    result = runner.invoke(args=["create-user", "not-an-email", "--role", "admin"])
    assert result.exit_code != 0 and "invalid e-mail" in result.output


def test_password_prompt_when_no_env(app, session, monkeypatch):
    monkeypatch.delenv("PORTAL_PASSWORD", raising=False)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "b@example.org", "--role", "editor", "--unit", "TW"],
                           input="typed password 123\ntyped password 123\n")
    assert result.exit_code == 0, result.output
    assert session.scalar(select(User).where(User.email == "b@example.org")) is not None


def test_seed_demo_creates_one_account_per_role_once(app, session):
    from portal.jobs.queue import jobs

    runner = app.test_cli_runner()
    # Queue (don't render) the demo bulletins' audio here: rendering is tested elsewhere.
    jobs.huey.immediate = False
    try:
        first = runner.invoke(args=["seed-demo"])
    finally:
        jobs.huey.flush()
        jobs.huey.immediate = True
    assert first.exit_code == 0
    assert "Demo bulletins: 14 published" in first.output
    roles = sorted(session.scalars(select(User.role)).all())
    assert roles == ["admin", "editor", "handler", "team"]
    second = runner.invoke(args=["seed-demo"])
    assert second.output == ""
    listing = runner.invoke(args=["demo-logins"]).output
    assert "xuly.hongbang@example.org" in listing and "demo-password-for-tests" in listing
