"""The deployment files in docs/deploy/ are valid: gunicorn's config loads with the intended
settings; the nginx site passes a structural check and `nginx -t` (nginx is required: .ci/run
installs it; what the site does is tested against a running nginx in test_nginx.py); the
systemd units pass `systemd-analyze verify` when it exists, and a structural check always.
Nothing is skipped."""

from __future__ import annotations

import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_ROOT

DEPLOY = PROJECT_ROOT / "docs" / "deploy"
NGINX = (DEPLOY / "nginx.conf").read_text()
UNITS = ("portal-web.service", "portal-worker.service")


def test_gunicorn_settings(monkeypatch):
    monkeypatch.delenv("PORTAL_WORKERS", raising=False)
    import multiprocessing

    cfg = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert cfg["workers"] == multiprocessing.cpu_count() * 2 + 1
    assert cfg["preload_app"] is True and cfg["worker_class"] == "sync"
    assert cfg["max_requests"] >= 500 and 0 < cfg["max_requests_jitter"] < cfg["max_requests"]
    assert 10 <= cfg["timeout"] <= 60 and cfg["bind"].startswith("127.0.0.1:")
    log = cfg["access_log_format"]
    assert "%(U)s" in log and not re.search(r"%\((r|q|f|\{[^}]*\}i)\)s", log)  # no query, referer, headers
    assert callable(cfg["post_fork"])
    monkeypatch.setenv("PORTAL_WORKERS", "3")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] == 3


def test_gunicorn_accepts_the_config():
    gunicorn = Path(PROJECT_ROOT, ".venv", "bin", "gunicorn")
    gunicorn = str(gunicorn) if gunicorn.exists() else shutil.which("gunicorn")
    done = subprocess.run([gunicorn, "--check-config", "-c", str(DEPLOY / "gunicorn.conf.py"), "wsgi:app"],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


# -- nginx ------------------------------------------------------------------------------
def _blocks(text: str) -> list[tuple[str, str]]:
    """(header, body) of every `{ ... }` block, after removing comments and quoted strings."""
    text = re.sub(r"#[^\n]*", "", text)
    text = re.sub(r'"[^"]*"', '""', text)
    assert text.count("{") == text.count("}"), "unbalanced braces"
    depth, stack, blocks = 0, [], []
    for match in re.finditer(r"[{}]", text):
        if match.group() == "{":
            start = text.rfind(";", 0, match.start())
            start = max(start, text.rfind("}", 0, match.start()), text.rfind("{", 0, match.start()))
            stack.append((text[start + 1:match.start()].strip(), match.end()))
            depth += 1
        else:
            assert depth > 0, "closing brace without an opening one"
            header, begin = stack.pop()
            blocks.append((header, text[begin:match.start()]))
            depth -= 1
    assert depth == 0
    for line in re.split(r"[{}]", text):
        for statement in filter(None, (s.strip() for s in line.split(";"))):
            first = statement.split()[0]  # a directive, a quoted key inside map {}, a type in types {}
            assert first == '""' or first.replace("_", "").isalnum() or re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", first), \
                statement
    return blocks


def test_nginx_site_structure():
    blocks = _blocks(NGINX)
    servers = [body for header, body in blocks if header == "server"]
    assert len(servers) == 2
    tls = next(body for body in servers if "listen 443 ssl" in body)
    for directive in ("ssl_certificate ", "ssl_certificate_key ", "error_page 413 /loi/qua-lon;",
                      "proxy_buffering on;", "proxy_request_buffering on;", "brotli_static on;",
                      "gzip_static on;", "expires 1y;", "proxy_force_ranges on;", "proxy_pass http://portal_app;"):
        assert directive in tls, directive
    # client_max_body_size is a little above the app's default MAX_UPLOAD_BYTES, so that what the
    # app refuses itself (keeping the typed fields) reaches it
    from portal.config import load_config

    app_limit = load_config({"INSTANCE_PATH": "/tmp/portal-config-check"})["MAX_CONTENT_LENGTH"]
    nginx_limit = int(re.search(r"client_max_body_size (\d+)m;", tls).group(1)) * 1024 * 1024
    assert app_limit == 25 * 1024 * 1024 and app_limit < nginx_limit <= app_limit + 2 * 1024 * 1024
    locations = {header: body for header, body in blocks if header.startswith("location")}
    assert "return 404" in locations["location /media/"]  # private media never leaves the app
    assert not any("private" in h or "library" in h for h in locations)
    # nginx's own 413 shows the app's page, without passing the refused body on
    too_large = locations["location = /loi/qua-lon"]
    assert "proxy_pass_request_body off;" in too_large and "proxy_method GET;" in too_large
    # public media from the disk, only under the names the app itself serves, typed as it does
    media_location = locations['location ~ ""']  # the quoted regex
    assert "try_files /$media_key @media_app;" in media_location
    assert "root /var/lib/portal/media/public;" in media_location
    assert "proxy_cache portal_media;" in locations["location @media_app"]
    from portal.core.media import _KEY, MIMETYPES

    regex = re.search(r'location ~ "(\^/media/public/[^"]+)"', NGINX).group(1)
    assert set(re.search(r"\(\?:([a-z0-9|]+)\)\)\$$", regex).group(1).split("|")) == set(MIMETYPES)
    for ext, mimetype in MIMETYPES.items():
        assert re.search(rf'^\s*"?{re.escape(mimetype)}"? {ext};', NGINX, re.M), ext
    pattern = re.compile(regex.replace("(?<media_key>", "(?P<media_key>"))
    for key in ("public/audio/0123456789abcdef0123456789abcdef.mp3", "public/epub/tuyen-tap-31-2026-05-0123abcd.epub",
                "public/covers/ab12.webp"):
        assert pattern.match(f"/media/{key}") and _KEY.match(key), key
    for url in ("/media/public/audio/x.json", "/media/public/audio/.tmp-x.mp3", "/media/public/a.mp3",
                "/media/public/audio/x.mp3.part", "/media/private/petitions/x.jpg", "/media/public/../x/a.mp3"):
        assert not pattern.match(url), url
    assert "$request " not in NGINX and "$request_uri" not in NGINX.split("log_format", 1)[1].split(";", 1)[0]
    # security headers stay with the app: nginx must not send a second, different CSP
    assert "Content-Security-Policy" not in NGINX


def _nginx_check(nginx: str, tmp_path: Path, site: str = NGINX) -> subprocess.CompletedProcess:
    """`nginx -t` on a main config that includes the site, with a throw-away certificate and
    log, cache and pid paths under tmp_path."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=portal.example.vn", "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
                   check=True, capture_output=True)
    site = site.replace("/etc/letsencrypt/live/portal.example.vn/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/letsencrypt/live/portal.example.vn/privkey.pem", str(tmp_path / "key.pem"))
    site = site.replace("/var/log/nginx/", f"{tmp_path}/").replace("/var/cache/nginx/", f"{tmp_path}/")
    (tmp_path / "site.conf").write_text(site)
    modules = "include /etc/nginx/modules-enabled/*.conf;" if Path("/etc/nginx/modules-enabled").is_dir() else ""
    mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
    (tmp_path / "nginx.conf").write_text(
        f"{modules}\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n{mime}\naccess_log off;\nclient_body_temp_path {tmp_path};\nproxy_temp_path {tmp_path};\n"
        f"include {tmp_path}/site.conf;\n}}\n")
    return subprocess.run([nginx, "-t", "-q", "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, timeout=60)


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def test_nginx_accepts_the_site(tmp_path):
    nginx = nginx_binary()
    assert nginx, "nginx is not installed: apt-get install nginx libnginx-mod-http-brotli-static (.ci/run does)"
    done = _nginx_check(nginx, tmp_path)
    assert done.returncode == 0, done.stderr
    broken = NGINX.replace("try_files /$media_key @media_app;", "try_files /$media_key @media_app")
    (tmp_path / "broken").mkdir()
    assert _nginx_check(nginx, tmp_path / "broken", broken).returncode != 0  # the check does check


# -- systemd ----------------------------------------------------------------------------
def _unit(name: str) -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for raw in (DEPLOY / name).read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            assert line.endswith("]"), line
            current = sections.setdefault(line[1:-1], {})
            continue
        assert current is not None and "=" in line, line
        key, value = line.split("=", 1)
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def test_systemd_units_structure():
    for name in UNITS:
        unit = _unit(name)
        assert set(unit) == {"Unit", "Service", "Install"}, name
        service = unit["Service"]
        assert service["User"] == ["portal"] and service["EnvironmentFile"] == ["/etc/portal/env"]
        assert service["Restart"][0] in ("on-failure", "always")
        for key, value in (("NoNewPrivileges", "yes"), ("PrivateTmp", "yes"), ("ProtectSystem", "strict")):
            assert service[key] == [value], (name, key)
        assert service["ReadWritePaths"] == ["/var/lib/portal"]
        assert service["ExecStart"][0].startswith("/srv/portal/.venv/bin/")
    assert "gunicorn.conf.py" in _unit("portal-web.service")["Service"]["ExecStart"][0]
    assert "-m portal.jobs.consumer" in _unit("portal-worker.service")["Service"]["ExecStart"][0]


def test_systemd_units_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:  # no systemd here: the structural check is the test; check once more
        assert all(_unit(name)["Service"]["ExecStart"] for name in UNITS)
        return
    # The units name /srv/portal; point them at this checkout so the programs exist.
    paths = []
    for name in UNITS:
        text = (DEPLOY / name).read_text().replace("/srv/portal", str(PROJECT_ROOT))
        (tmp_path / name).write_text(text)
        paths.append(str(tmp_path / name))
    done = subprocess.run([analyze, "verify", *paths], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    problems = [line for line in (done.stdout + done.stderr).splitlines()
                if any(unit in line for unit in UNITS)]
    assert done.returncode == 0 and not problems, done.stdout + done.stderr


def test_the_page_nginx_shows_for_a_refused_upload(client):
    """error_page 413 /loi/qua-lon: the app's 413 page, with the refused size when nginx gives it."""
    response = client.get("/loi/qua-lon", headers={"X-Refused-Length": str(40 * 1024 * 1024)})
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and response.headers["Cache-Control"] == "no-store"
    assert "Nội dung gửi lên quá lớn" in page and "nặng 40,0 MB, vượt mức 25,0 MB" in page
    plain = client.get("/loi/qua-lon", headers={"X-Refused-Length": "not a number"})
    assert plain.status_code == 413 and "vượt mức" not in plain.get_data(as_text=True)
    client.get("/ngon-ngu/en")  # the visitor's language, as for any page
    english = client.get("/loi/qua-lon", headers={"X-Refused-Length": str(40 * 1024 * 1024)})
    assert english.status_code == 413 and "What you sent is 40.0 MB, more than the 25.0 MB" in english.get_data(
        as_text=True)


# -- make run ---------------------------------------------------------------------------
_OPEN_FILES = """
import gc, os, sys
import wsgi
frozen, loose = gc.get_freeze_count(), len(gc.get_objects())
from portal.db import db
pool = db.engine.pool
held = []
for fd in os.listdir("/proc/self/fd"):
    try:
        held.append(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        pass
env = wsgi.app.jinja_env
print(pool.checkedin(), pool.checkedout())
print(len(env.cache), len(env.list_templates(filter_func=lambda n: n.endswith(".html"))),
      "numpy" in sys.modules and "whoosh.searching" in sys.modules, "babel" in sys.modules, frozen, loose)
print("\\n".join(held))
"""


def test_make_run_preloads_and_loading_the_app_opens_no_connection(app, app_config):
    """`make run` starts gunicorn with --preload (the workers share the loaded app's pages, and what
    portal.warm loaded before the fork), which is safe only while loading the app opens nothing a
    forked worker would then share: no database connection, no socket (Redis), no file of the
    instance (jobs queue, search index, rate limits)."""
    done = subprocess.run(["make", "-n", "run"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    commands = done.stdout.replace("\\\n", " ").splitlines()  # continuation lines joined
    gunicorn = next(line for line in commands if "bin/gunicorn" in line and "wsgi:app" in line)
    assert "--preload" in gunicorn.split()
    env = {key: value for key, value in os.environ.items() if key not in ("FLASK_APP",)}
    env.update(PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SEARCH_INDEX_DIR=app_config["SEARCH_INDEX_DIR"], JOBS_DB=app_config["JOBS_DB"],
               MEDIA_ROOT=app_config["MEDIA_ROOT"], SECRET_KEY=app_config["SECRET_KEY"],
               SEARCH_BACKEND=app_config["SEARCH_BACKEND"], PYTHONPATH=str(PROJECT_ROOT))
    probe = subprocess.run([sys.executable, "-c", _OPEN_FILES], cwd=PROJECT_ROOT, env=env, capture_output=True,
                           text=True, timeout=120)
    assert probe.returncode == 0, probe.stderr
    pool, warmed, *held = probe.stdout.splitlines()
    assert pool == "0 0"
    compiled, templates, numpy, babel, frozen, loose = warmed.split()
    # portal.warm has loaded what the workers share: every page template, the locale data, and on
    # Whoosh the search evaluator (numpy) and searcher; then, last, hidden it from the garbage
    # collector, whose collections in a worker would otherwise copy those pages: ~150,000 objects
    # frozen and none left out (frozen before the templates and catalogs, ~26,000 would be)
    assert int(compiled) >= int(templates) > 50 and babel == "True"
    assert numpy == str(app_config["SEARCH_BACKEND"] == "whoosh")
    assert int(frozen) > 100_000 and int(loose) < 1_000, (frozen, loose)
    instance = str(Path(app_config["INSTANCE_PATH"]).resolve())
    assert [f for f in held if f.startswith("socket:") or f.startswith(instance)] == []
