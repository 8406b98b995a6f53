"""Cổng Mặt trận số — the citizen portal. `create_app()` only wires things together."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.config import PROJECT_ROOT, load_config


def create_app(overrides: dict | None = None) -> Flask:
    config = load_config(overrides)
    app = Flask(
        __name__,
        static_folder=None,
        template_folder=str(PROJECT_ROOT / "templates"),
        instance_path=config["INSTANCE_PATH"],
    )
    app.config.update(config)
    if app.config.get("PROXY_COUNT"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=int(app.config["PROXY_COUNT"]), x_proto=1)

    from portal.core.assets import init_assets
    from portal.core.errors import init_errors
    from portal.core.format import init_format
    from portal.core.http import init_http
    from portal.core.i18n import large_text, select_locale
    from portal.core.pagecache import init_page_cache
    from portal.extensions import babel, compress, csrf, db, jobs, limiter, login_manager

    db.init_app(app)
    jobs.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    init_http(app)  # after compress: its hooks must run first
    init_page_cache(app)
    init_assets(app)
    init_errors(app)
    init_format(app)

    from portal.accounts.auth import init_login

    init_login(app, login_manager)

    from portal.accounts.oidc import init_oidc

    init_oidc(app)

    from flask_babel import get_locale

    from portal.core.related import related
    from portal.media_render.natural import voice_of

    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(large_text=large_text, get_locale=get_locale, related_links=related.find,
                                 media_voice=voice_of)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    _register_blueprints(app)
    _import_job_modules()

    from portal.cli import register_cli

    register_cli(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from portal.accounts.manage import bp as staff_bp
    from portal.accounts.routes import bp as accounts_bp
    from portal.api.routes import bp as api_bp
    from portal.bulletins.manage import bp as bulletins_staff_bp
    from portal.bulletins.routes import bp as bulletins_bp
    from portal.core.media import bp as media_bp
    from portal.home.routes import bp as home_bp
    from portal.lessons.manage import bp as lessons_staff_bp
    from portal.lessons.manage_teams import bp as lessons_team_bp
    from portal.lessons.routes import bp as lessons_bp
    from portal.library.manage import bp as library_staff_bp
    from portal.library.routes import bp as library_bp
    from portal.petitions.manage import bp as petitions_staff_bp
    from portal.petitions.routes import bp as petitions_bp
    from portal.residents.routes import bp as residents_bp
    from portal.search.routes import bp as search_bp
    from portal.stats.routes import bp as stats_bp

    for bp in (media_bp, home_bp, accounts_bp, staff_bp, bulletins_bp, bulletins_staff_bp, library_bp, library_staff_bp,
               petitions_bp, petitions_staff_bp, residents_bp, lessons_bp, lessons_team_bp, lessons_staff_bp, search_bp,
               stats_bp, api_bp):
        app.register_blueprint(bp)


def _import_job_modules() -> None:
    """Import every feature's jobs.py, so that web and worker processes know the same tasks
    (a task the worker does not know would wait in the queue for ever)."""
    import importlib
    import pkgutil
    from pathlib import Path

    import portal

    # Looked for as files: find_spec() would import every package to look inside, and with them
    # what only the worker or the CLI needs (the speech engines with numpy, alembic), ~25 MiB
    # in each web worker.
    for info in pkgutil.iter_modules(portal.__path__):
        if info.ispkg and (Path(portal.__path__[0]) / info.name / "jobs.py").is_file():
            importlib.import_module(f"portal.{info.name}.jobs")
