"""docs/deploy/nginx.conf run by a real nginx (its workers as `nobody`, as in production they are
another user than the portal) in front of the portal: public media are read from MEDIA_ROOT by
nginx itself (with Range and a year of caching for hashed names), a file not on its disk comes
from the app, private media never leave, and an upload over client_max_body_size gets the
portal's Vietnamese 413 page instead of nginx's English one.

nginx must be installed (Debian: `nginx libnginx-mod-http-brotli-static`; .ci/run installs
them) and the test must run as root (CI does), so that the workers really are another user.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from portal.core import media
from tests.conftest import PROJECT_ROOT
from tests.deploy.test_configs import NGINX, nginx_binary
from tests.petitions.test_concurrency import _free_port

pytestmark = pytest.mark.slow
NGINX_GID = 65534  # nogroup: nginx's workers run as nobody:nogroup here
TOO_LARGE_VI = "Nội dung gửi lên quá lớn"


def _site(tls_port: int, plain_port: int, app_port: int, media_root: Path, work: Path) -> str:
    """The deployed site with this machine's ports, paths and a throw-away certificate."""
    site = NGINX
    for old, new in (("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;"),
                     ("listen [::]:443 ssl http2;", ""), ("listen 80;", f"listen 127.0.0.1:{plain_port};"),
                     ("listen [::]:80;", ""), ("server 127.0.0.1:8000", f"server 127.0.0.1:{app_port}"),
                     ("/var/lib/portal/media/", f"{media_root}/"),
                     ("/etc/letsencrypt/live/portal.example.vn/fullchain.pem", str(work / "cert.pem")),
                     ("/etc/letsencrypt/live/portal.example.vn/privkey.pem", str(work / "key.pem")),
                     ("/var/log/nginx/", f"{work}/"), ("/var/cache/nginx/", f"{work}/"),
                     ("/srv/portal/", f"{PROJECT_ROOT}/")):
        assert old in site, old
        site = site.replace(old, new)
    return site


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A folder other users can enter (pytest's own are 0700): the media and nginx's files."""
    if os.geteuid() != 0:
        pytest.fail("this test runs nginx's workers as another user: run it as root (CI does)")
    root = Path(tempfile.mkdtemp(prefix="portal-nginx-"))
    root.chmod(0o711)  # like /var/lib/portal: others may pass through, not look
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def portal(app, world):
    """nginx on loopback (TLS), in front of the test app served by werkzeug; yields a request
    function. The media root is the app's MEDIA_ROOT during the tests of this module."""
    nginx = nginx_binary()
    assert nginx, "nginx is not installed: apt-get install nginx libnginx-mod-http-brotli-static"
    media_root, work = world / "media", world / "nginx"
    work.mkdir()
    work.chmod(0o755)
    # The layout of docs/deploy/README.md, with nginx's group `nogroup`: it may enter MEDIA_ROOT,
    # and public/ is a set-group-ID folder of its group, so new public files are in that group.
    for folder, folder_mode in ((media_root, 0o750), (media_root / "public", 0o2750)):
        folder.mkdir()
        os.chown(folder, -1, NGINX_GID)
        folder.chmod(folder_mode)
    old_media = app.config["MEDIA_ROOT"]
    app.config["MEDIA_ROOT"] = str(media_root)
    server = make_server("127.0.0.1", _free_port(), app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=portal.example.vn", "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem")],
                   check=True, capture_output=True)
    tls_port = _free_port()
    (work / "site.conf").write_text(_site(tls_port, _free_port(), server.server_port, media_root, work))
    modules = "include /etc/nginx/modules-enabled/*.conf;" if Path("/etc/nginx/modules-enabled").is_dir() else ""
    (work / "nginx.conf").write_text(
        f"{modules}\nuser nobody nogroup;\ndaemon off;\nworker_processes 1;\npid {work}/nginx.pid;\n"
        f"error_log {work}/error.log warn;\nevents {{}}\n"
        f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\nclient_body_temp_path {work}/body;\n"
        f"proxy_temp_path {work}/proxy;\ninclude {work}/site.conf;\n}}\n")
    proc = subprocess.Popen([nginx, "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", tls_port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stdout.read().decode()
            time.sleep(0.05)
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE

    def request(method: str, path: str, headers: dict | None = None, body: bytes | None = None):
        conn = http.client.HTTPSConnection("127.0.0.1", tls_port, context=context, timeout=30)
        try:
            conn.request(method, path, body=body, headers={"Host": "portal.example.vn", **(headers or {})})
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    request.port = tls_port
    request.media_root = media_root
    request.log = work / "error.log"
    try:
        yield request
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        server.shutdown()
        app.config["MEDIA_ROOT"] = old_media


def _save_public(app, data: bytes, ext: str, mask: int = 0o022) -> str:
    with app.app_context():
        old = os.umask(mask)
        try:
            return media.save_public("audio", data, ext)
        finally:
            os.umask(old)


def test_public_media_come_from_the_disk_with_range_and_long_caching(app, portal):
    mp3 = os.urandom(5000)
    key = _save_public(app, mp3, "mp3")
    status, headers, body = portal("GET", f"/media/{key}")
    assert status == 200 and body == mp3
    assert headers["Content-Type"] == "audio/mpeg"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["ETag"] and headers["Last-Modified"] and headers["X-Content-Type-Options"] == "nosniff"
    # nginx read it: the app's answers carry its CSP, and the fallback an X-Cache-Status
    assert "Content-Security-Policy" not in headers and "X-Cache-Status" not in headers
    status, headers, body = portal("GET", f"/media/{key}", {"Range": "bytes=100-199"})
    assert status == 206 and body == mp3[100:200] and headers["Content-Range"] == "bytes 100-199/5000"
    status, _, _ = portal("GET", f"/media/{key}", {"If-None-Match": headers["ETag"]})
    assert status == 304
    opus = _save_public(app, b"OggS" + os.urandom(300), "opus")
    status, headers, _ = portal("GET", f"/media/{opus}")
    assert status == 200 and headers["Content-Type"] == "audio/ogg; codecs=opus"


def test_with_the_units_umask_nginx_reads_public_media_through_its_group(app, portal):
    """UMask=0027, as portal-web.service and portal-worker.service set it: a public file is
    0640, in nginx's group (public/ is set-group-ID), and nginx serves it."""
    data = os.urandom(2000)
    key = _save_public(app, data, "mp3", mask=0o027)
    info = (portal.media_root / key).stat()
    assert (oct(info.st_mode & 0o7777), info.st_gid) == ("0o640", NGINX_GID)
    status, headers, body = portal("GET", f"/media/{key}")
    assert status == 200 and body == data and "X-Cache-Status" not in headers


def test_a_file_written_unreadable_is_refused_until_its_mode_is_fixed(app, portal):
    """What an older portal left (0600 under public/): nginx's workers cannot read it; `flask
    media fix-permissions` makes it servable."""
    path = portal.media_root / "public" / "audio" / f"{os.urandom(16).hex()}.mp3"
    path.write_bytes(os.urandom(800))
    path.chmod(0o600)
    assert portal("GET", f"/media/public/audio/{path.name}")[0] == 403
    with app.app_context():
        assert app.test_cli_runner().invoke(args=["media", "fix-permissions"]).exit_code == 0
    status, _, body = portal("GET", f"/media/public/audio/{path.name}")
    assert status == 200 and body == path.read_bytes()


def test_a_file_not_on_this_disk_comes_from_the_app(app, portal, tmp_path):
    """Another app server wrote it to a MEDIA_ROOT this nginx does not see."""
    elsewhere = tmp_path / "other-server-media"
    app.config["MEDIA_ROOT"] = str(elsewhere)
    try:
        key = _save_public(app, os.urandom(3000), "mp3")
        status, headers, body = portal("GET", f"/media/{key}")
        assert status == 200 and body == (elsewhere / key).read_bytes()
        assert headers["X-Cache-Status"] == "MISS" and "Content-Security-Policy" in headers
        assert portal("GET", f"/media/{key}")[1]["X-Cache-Status"] == "HIT"
        status, headers, _ = portal("GET", f"/media/{key}", {"Range": "bytes=10-19"})
        assert status == 206 and headers["Content-Range"] == "bytes 10-19/3000"
    finally:
        app.config["MEDIA_ROOT"] = str(portal.media_root)
    status, headers, _ = portal("GET", "/media/public/audio/0123456789abcdef0123456789abcdef.mp3")
    assert status == 404 and headers["X-Cache-Status"]  # asked of the app, which has no such file


def test_private_media_and_other_files_never_leave(app, portal):
    root = portal.media_root
    photo = root / "private" / "petitions" / "0123456789abcdef0123456789abcdef.jpg"
    library = root / "library" / "files" / "0123456789abcdef0123456789abcdef.pdf"
    metadata = root / "public" / "audio" / "0123456789abcdef0123456789abcdef.json"
    unfinished = root / "public" / "audio" / ".tmp-abc.mp3"
    for path in (photo, library, metadata, unfinished):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"secret")
        path.chmod(0o644)  # even if it were readable
    for path in (photo, library, metadata, unfinished):
        status, _, body = portal("GET", f"/media/{path.relative_to(root).as_posix()}")
        assert status == 404 and b"secret" not in body, path
    for url in ("/media/public/../private/petitions/" + photo.name, "/media/public/audio/%2e%2e/x.mp3",
                "/media/public/a.mp3"):
        status, _, body = portal("GET", url)
        assert status in (400, 404) and b"secret" not in body, url


def test_an_upload_over_nginx_limit_gets_the_portal_413_page(app, portal):
    limit = app.config["MAX_CONTENT_LENGTH"]
    # Far over: nginx refuses it on its Content-Length, before reading it, and shows the portal's page.
    sent = 40 * 1024 * 1024
    sock = socket.create_connection(("127.0.0.1", portal.port), timeout=30)
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    with context.wrap_socket(sock) as tls:
        tls.sendall(b"POST /phan-anh/gui HTTP/1.1\r\nHost: portal.example.vn\r\n"
                    b"Content-Type: multipart/form-data; boundary=x\r\n"
                    + f"Content-Length: {sent}\r\n\r\n".encode() + b"--x\r\n")
        answer = b""
        while chunk := tls.recv(65536):
            answer += chunk
            if b"</html>" in answer:
                break
    head, _, body = answer.partition(b"\r\n\r\n")
    page = body.decode("utf-8", "replace")
    assert head.startswith(b"HTTP/1.1 413"), head
    assert TOO_LARGE_VI in page and "40,0 MB" in page and "25,0 MB" in page, page[:3000]
    assert "nginx" not in page.lower()
    # Just over the portal's limit and under nginx's: the portal reads it and keeps what was typed.
    assert limit < 26 * 1024 * 1024
    boundary = "----portal"
    title = "Đèn đường hỏng trước nhà văn hóa"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n{title}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"photos\"; filename=\"a.jpg\"\r\n"
            f"Content-Type: image/jpeg\r\n\r\n")
    body = head.encode() + b"\0" * (limit + 100_000) + f"\r\n--{boundary}--\r\n".encode()
    status, _, answer = portal("POST", "/phan-anh/gui", {"Content-Type": f"multipart/form-data; boundary={boundary}"},
                               body)
    page = answer.decode()
    assert status == 413 and TOO_LARGE_VI in page and f'value="{title}"' in page


def test_anonymous_pages_are_micro_cached_and_cookies_and_posts_pass_by(app, portal):
    """What the app's page cache keeps, nginx keeps for a second; a session cookie, any cookie
    but the language and text size, a form token and a POST always reach the app."""
    from sqlalchemy import select

    from portal.accounts.models import User
    from portal.bulletins import service as bulletins
    from portal.bulletins.models import Bulletin
    from portal.core.pagecache import bump
    from portal.db import db
    from tests.content import ensure_sample_content

    slugs = ensure_sample_content(app)
    app.config["PAGE_CACHE"] = True
    try:
        with app.app_context():
            bump()

        def cache(path: str, headers: dict | None = None, method: str = "GET") -> str | None:
            status, found, _body = portal(method, path, headers)
            assert "X-Accel-Expires" not in found and status in (200, 400), (path, status)
            return found.get("X-Micro-Cache")

        assert [cache("/ban-tin/") for _ in range(2)] == ["MISS", "HIT"]
        assert [cache("/ban-tin/", {"Cookie": "lang=en"}) for _ in range(2)] == ["MISS", "HIT"]
        assert portal("GET", "/ban-tin/", {"Cookie": "lang=en"})[2] != portal("GET", "/ban-tin/")[2]
        for cookie in ("portal_session=planted", "lang=vi; hoc_so=x"):
            assert {cache("/ban-tin/", {"Cookie": cookie}) for _ in range(2)} == {"BYPASS"}, cookie
        for path in ("/phan-anh/gui?don-vi=11311", "/quan-tri/dang-nhap"):  # a form token; staff
            assert "HIT" not in {cache(path) for _ in range(3)}, path
        assert "HIT" not in {cache("/phan-anh/gui", method="POST") for _ in range(2)}
        # A change reaches nginx's readers within its second.
        with app.app_context():
            admin = db.session.scalar(select(User).where(User.email == "sample-admin@example.org"))
            bulletin = db.session.scalar(select(Bulletin).where(Bulletin.slug == slugs[0]))
            bulletins.unpublish(db.session, admin, bulletin)
        time.sleep(2.2)  # nginx counts the second in whole seconds: a page kept "1 s" may live up to 2
        assert f'href="/ban-tin/{slugs[0]}"'.encode() not in portal("GET", "/ban-tin/")[2]
    finally:
        app.config["PAGE_CACHE"] = False
        with app.app_context():
            bump()
