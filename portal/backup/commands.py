"""Operator commands for backups: `flask --app wsgi backup|restore|copy-to-postgresql`."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from portal.db import db

from .archive import BackupError


@click.command("backup")
@with_appcontext
@click.argument("dest", type=click.Path(file_okay=False))
def backup(dest: str) -> None:
    """Back up the database and MEDIA_ROOT into DEST (a new directory), while the portal runs."""
    from .write import backup as run

    try:
        manifest = run(current_app.config, dest)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:  # not a full disk (that is a BackupError): unreadable media, a failing disk
        where = f" ({exc.filename})" if exc.filename else ""
        raise click.ClickException(f"the backup could not be written: {exc.strerror or exc}{where}") from exc
    rows = sum(manifest["counts"].values())
    click.echo(f"Backed up a {manifest['database']} database at revision {manifest['schema_revision']} "
               f"({rows} rows) and {manifest['media_files']} media files into {dest}.")


@click.command("restore")
@with_appcontext
@click.argument("src", type=click.Path(exists=True, file_okay=False))
@click.option("--force", is_flag=True, help="Replace a database and media directory that already hold data.")
def restore(src: str, force: bool) -> None:
    """Restore a backup made by `flask backup` (stop gunicorn and the worker first)."""
    from portal import migrations
    from portal.search import index
    from portal.search.backend import current
    from portal.search.registry import registry

    from .restore import restore as run

    db.session.remove()
    db.engine.dispose()  # no pooled connection may outlive the file it points at
    try:
        manifest = run(current_app.config, src, force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        db.engine.dispose()
    migrations.upgrade(current_app.config["DATABASE_URL"])  # a backup from older code
    count = index.rebuild(current(), registry.all_documents())
    click.echo(f"Restored the backup of {manifest['created_at']} ({manifest['media_files']} media files); "
               f"search index: {count} documents.")


@click.command("copy-to-postgresql")
@with_appcontext
@click.argument("url")
def copy_to_postgresql(url: str) -> None:
    """Copy this (SQLite) portal's database into the new, empty PostgreSQL database at URL."""
    from .to_postgresql import copy_database

    try:
        copied = copy_database(current_app.config["DATABASE_URL"], url, echo=click.echo)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Copied {sum(copied.values())} rows in {len(copied)} tables. Set DATABASE_URL to the new "
               "database, keep MEDIA_ROOT, then run `flask search-rebuild`.")


backup_commands = (backup, restore, copy_to_postgresql)
