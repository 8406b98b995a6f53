"""Operator commands: `flask --app wsgi <command>`."""

from __future__ import annotations

import os
import time

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from portal.db import db


def register_cli(app: Flask) -> None:
    for command in (demo_logins, migrate, load_units, create_user, seed_demo, init, search_rebuild, jobs_ping,
                    build_assets, db_revision, sso_only):
        app.cli.add_command(command)
    from portal.backup.commands import backup_commands

    for command in backup_commands:
        app.cli.add_command(command)


@click.command("migrate")
@with_appcontext
def migrate() -> None:
    """Bring the database schema up to date (Alembic)."""
    from portal import migrations

    migrations.upgrade(current_app.config["DATABASE_URL"])
    click.echo("Database schema is up to date.")


@click.command("db-revision")
@with_appcontext
@click.option("-m", "--message", required=True)
def db_revision(message: str) -> None:
    """Write a new migration from the difference between models and database."""
    from portal import migrations

    migrations.revision(current_app.config["DATABASE_URL"], message)


@click.command("load-units")
@with_appcontext
def load_units() -> None:
    """Load or refresh the 3,356 Front committees (idempotent)."""
    from portal.units.service import load_units as load

    result = load(db.session)
    click.echo(f"Committees: {result['total']} ({result['added']} added, {result['updated']} updated).")


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(["admin", "editor", "handler", "team"]))
@click.option("--unit", "unit_code", default=None,
              help="Committee code: TW, a province (e.g. 31) or a commune (e.g. 11311).")
@click.option("--name", "display_name", default="")
def create_user(email: str, role: str, unit_code: str | None, display_name: str) -> None:
    """Create a staff account; the password comes from PORTAL_PASSWORD or a prompt."""
    from portal.accounts.service import AccountError
    from portal.accounts.service import create_user as create
    from portal.units.service import get_by_code

    unit = None
    if unit_code:
        unit = get_by_code(db.session, unit_code.strip())
        if unit is None:
            raise click.ClickException(f"no committee with code {unit_code!r} (run `flask load-units` first?)")
    password = os.environ.get("PORTAL_PASSWORD") or click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create(db.session, email, password, role, unit=unit, display_name=display_name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    where = f" for {user.unit.name} ({user.unit.code})" if user.unit else ""
    click.echo(f"Created {user.role} {user.email}{where}.")


@click.command("sso-only")
@with_appcontext
@click.argument("email")
def sso_only(email: str) -> None:
    """Let an account log in only through single sign-on (its password here stops working)."""
    from sqlalchemy import func, select

    from portal.accounts.models import User
    from portal.accounts.sso import switch_to_sso

    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"no account {email!r}")
    switch_to_sso(db.session, None, user)
    click.echo(f"{user.email} now logs in only through single sign-on.")


@click.command("seed-demo")
@with_appcontext
def seed_demo() -> None:
    """Load the demo accounts and content (skips what exists)."""
    from portal.demo import seed

    for line in seed(db.session, current_app.config["DEMO_PASSWORD"]):
        click.echo(line)


@click.command("init")
@with_appcontext
@click.option("--demo/--no-demo", default=True, help="Load demo content on first start.")
def init(demo: bool) -> None:
    """First-start set-up: migrate, load committees, create the search index, demo data."""
    from portal import migrations
    from portal.accounts.models import User
    from portal.search import index
    from portal.search.backend import current
    from portal.units.service import count_units
    from portal.units.service import load_units as load

    migrations.upgrade(current_app.config["DATABASE_URL"])
    if count_units(db.session) < 3356:
        result = load(db.session)
        click.echo(f"Loaded {result['total']} Front committees.")
    index.ensure(current())
    if demo and db.session.query(User).count() == 0:
        from portal.demo import seed

        for line in seed(db.session, current_app.config["DEMO_PASSWORD"]):
            click.echo(line)
        from portal.search.registry import registry

        # The worker is not running yet, so this process is the index's only writer.
        count = index.rebuild(current(), registry.all_documents())
        click.echo(f"Search index: {count} documents.")
    click.echo("Ready.")


@click.command("search-rebuild")
@with_appcontext
def search_rebuild() -> None:
    """Rebuild the whole search index from the database."""
    from portal.core.pagecache import bump
    from portal.search import index
    from portal.search.backend import current
    from portal.search.registry import registry

    count = index.rebuild(current(), registry.all_documents())
    bump()
    click.echo(f"Indexed {count} documents.")


@click.command("jobs-ping")
@with_appcontext
@click.option("--wait", default=30, help="Seconds to wait for the worker.")
def jobs_ping(wait: int) -> None:
    """Send a job through the queue and wait until a worker has run it."""
    from huey.exceptions import ResultTimeout

    from portal.jobs.heartbeat import ping

    result = ping.enqueue(tag=str(time.time_ns()))
    try:
        value = result.get(blocking=True, timeout=wait) if hasattr(result, "get") else result
    except ResultTimeout as exc:
        raise click.ClickException(f"no worker answered within {wait} s; is huey_consumer running?") from exc
    click.echo(f"Worker answered: {value}")


@click.command("build-assets")
@with_appcontext
def build_assets() -> None:
    """Write .br and .gz files beside the static files (for nginx)."""
    written = current_app.extensions["assets"].build()
    click.echo(f"Wrote {len(written)} precompressed files.")


@click.command("demo-logins")
@with_appcontext
def demo_logins() -> None:
    """Print the demo accounts that exist (and the demo password)."""
    from sqlalchemy import select

    from portal.accounts.models import User
    from portal.demo import DEMO_USERS

    emails = [email for email, *_ in DEMO_USERS]
    users = db.session.scalars(select(User).where(User.email.in_(emails))).all()
    for user in sorted(users, key=lambda u: emails.index(u.email)):
        where = f", {user.unit.name}" if user.unit else ""
        click.echo(f"  {user.role:8} {user.email}{where}")
        if user.two_factor_enabled:
            from portal.accounts.totp import grouped

            click.echo(f"           two-step login key (authenticator app): {grouped(user.totp_secret)}")
    if users:
        click.echo(f"  password: {current_app.config['DEMO_PASSWORD']} (unless PORTAL_DEMO_PASSWORD was set)")
