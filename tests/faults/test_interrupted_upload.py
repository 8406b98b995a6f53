"""Uploads that never finish, against a real gunicorn on loopback: a client that promises more
bytes than it sends and hangs up, one that stops sending and waits, and one that sends more than
the portal accepts. Nothing is stored (no row, no file under MEDIA_ROOT), no temporary file is
left in the server's TMPDIR nor held open by a worker, the server goes on answering, and the
too-large upload gets a polite Vietnamese 413 page with what was typed kept.
"""

from __future__ import annotations

import io
import os
import re
import socket
import struct
import subprocess
import sys
import time
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

import pytest

from portal.library.models import Item, ItemFile
from tests.conftest import PROJECT_ROOT, csrf_from
from tests.faults.storage import count, listing
from tests.petitions.test_concurrency import _free_port

pytestmark = pytest.mark.slow
LIMIT = 3 * 1024 * 1024  # MAX_UPLOAD_BYTES of the server under test
WORKER_TIMEOUT = 6
TITLE = "Sổ tay phòng chống lừa đảo qua mạng cho người cao tuổi"
SUMMARY = "Những cách kẻ gian thường dùng để lừa tiền qua điện thoại, và cách bà con tự bảo vệ."
PASSWORD = "correct horse battery"


@pytest.fixture
def editor(make_user):
    make_user("bientap@example.org", role="editor", unit="31", password=PASSWORD)


@pytest.fixture(scope="module")
def server(app, app_config, tmp_path_factory):
    """gunicorn (2 sync workers, as deployed) with a TMPDIR of its own, so that the spooled
    uploads can be looked for."""
    tmp_path = tmp_path_factory.mktemp("interrupted")
    spool = tmp_path / "server-tmp"
    spool.mkdir()
    log = tmp_path / "gunicorn.log"
    port = _free_port()
    env = dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SEARCH_INDEX_DIR=app_config["SEARCH_INDEX_DIR"], MEDIA_ROOT=app_config["MEDIA_ROOT"],
               JOBS_DB=app_config["JOBS_DB"], JOBS_NAME=app_config["JOBS_NAME"], JOBS_IMMEDIATE="1",
               SECRET_KEY=app_config["SECRET_KEY"], MAX_UPLOAD_BYTES=str(LIMIT), TMPDIR=str(spool),
               LOGIN_RATE_LIMIT="1000 per minute")
    with open(log, "wb") as out:
        proc = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "gunicorn"), "-b", f"127.0.0.1:{port}",
                                 "-w", "2", "--timeout", str(WORKER_TIMEOUT), "--graceful-timeout", "3",
                                 # gunicorn's own heartbeat files elsewhere: TMPDIR holds only uploads
                                 "--worker-tmp-dir", str(tmp_path), "--access-logfile", "-", "wsgi:app"],
                                cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/thu-vien/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start: " + log.read_text()[-2000:])
        Path(app_config["MEDIA_ROOT"]).mkdir(parents=True, exist_ok=True)
        yield {"base": base, "port": port, "spool": spool, "log": log, "pid": proc.pid,
               "media": Path(app_config["MEDIA_ROOT"])}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _login(base: str) -> tuple[str, str]:
    """Log the editor in; returns the session cookie and a CSRF token of the new-document form."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/quan-tri/dang-nhap", timeout=30).read().decode()
    opener.open(base + "/quan-tri/dang-nhap", data=urlencode({
        "csrf_token": csrf_from(page), "email": "bientap@example.org", "password": PASSWORD, "next": ""}).encode(),
        timeout=30).read()
    form = opener.open(base + "/quan-tri/thu-vien/moi", timeout=30).read().decode()
    assert 'name="summary"' in form, "the editor is not logged in"
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, csrf_from(form)


def _multipart(token: str, file_bytes: int) -> tuple[str, bytes, bytes, bytes]:
    """The text fields and the head of one file part; the file's bytes; the closing boundary."""
    boundary = "----portal" + uuid.uuid4().hex
    fields = {"csrf_token": token, "title": TITLE, "kind": "guide", "issuer": "", "issued_on": "",
              "unit_code": "31", "category_id": "0", "tags": "", "summary": SUMMARY}
    head = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                    for name, value in fields.items())
    head += (f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="so-tay.pdf"\r\n'
             "Content-Type: application/pdf\r\n\r\n").encode()
    return boundary, head, b"%PDF-1.4\n" + os.urandom(file_bytes - 9), f"\r\n--{boundary}--\r\n".encode()


def _request_head(port: int, cookie: str, boundary: str, length: int) -> bytes:
    return (f"POST /quan-tri/thu-vien/moi HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {length}\r\n"
            "Connection: close\r\n\r\n").encode()


def _workers(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def _held_temp_files(server) -> list[str]:
    """Temporary files (deleted or not) in the server's TMPDIR that a worker still holds open:
    disk space that is not given back until the worker dies."""
    held = []
    for pid in _workers(server["pid"]):
        fd_dir = Path(f"/proc/{pid}/fd")
        try:
            fds = list(fd_dir.iterdir())
        except OSError:
            continue  # the worker has just been replaced
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith(str(server["spool"])):
                held.append(f"{pid}: {target}")
    return held


def _assert_nothing_left(server, session, media_before: list[str]) -> None:
    deadline = time.monotonic() + 10
    while _held_temp_files(server) and time.monotonic() < deadline:
        time.sleep(0.2)  # the worker may still be reading what was sent
    assert _held_temp_files(server) == []
    assert listing(server["spool"]) == []
    assert listing(server["media"]) == media_before
    assert count(session, Item) == count(session, ItemFile) == 0
    with urllib.request.urlopen(server["base"] + "/thu-vien/", timeout=30) as response:
        assert response.status == 200  # and the server still answers


def _log_size(server) -> int:
    return server["log"].stat().st_size


def _errors_since(server, offset: int) -> list[str]:
    """Server errors logged since `offset`: an unhandled exception in the portal, or in gunicorn."""
    with open(server["log"], "rb") as f:
        f.seek(offset)
        lines = f.read().decode(errors="replace").splitlines()
    return [line for line in lines if "unhandled" in line or "Traceback" in line or '" 500 ' in line]


@pytest.mark.parametrize("reset", [False, True], ids=["closed", "reset"])
def test_a_client_that_hangs_up_mid_upload_leaves_nothing(server, editor, session, reset):
    """The connection ends with a FIN (the client closed it) or a RST (a phone lost its signal
    and the network gave up): either way the half-sent form is dropped."""
    cookie, token = _login(server["base"])
    boundary, head, data, tail = _multipart(token, 2 * 1024 * 1024)
    media_before, offset = listing(server["media"]), _log_size(server)
    with socket.create_connection(("127.0.0.1", server["port"]), timeout=30) as sock:
        sock.sendall(_request_head(server["port"], cookie, boundary, len(head) + len(data) + len(tail)))
        sock.sendall(head + data[: len(data) // 2])  # well past the 500 KB kept in memory: spooled to TMPDIR
        time.sleep(0.5)
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    _assert_nothing_left(server, session, media_before)
    assert _errors_since(server, offset) == []  # a client going away is not a server error (a 400)


def test_a_client_that_stops_sending_leaves_nothing(server, editor, session):
    cookie, token = _login(server["base"])
    boundary, head, data, tail = _multipart(token, 2 * 1024 * 1024)
    media_before = listing(server["media"])
    with socket.create_connection(("127.0.0.1", server["port"]), timeout=30) as sock:
        sock.sendall(_request_head(server["port"], cookie, boundary, len(head) + len(data) + len(tail)))
        sock.sendall(head + data[: len(data) // 2])
        time.sleep(1)
        assert _held_temp_files(server), "the upload should be spooling to TMPDIR by now"
        # The other worker goes on serving meanwhile.
        with urllib.request.urlopen(server["base"] + "/thu-vien/", timeout=30) as response:
            assert response.status == 200
        time.sleep(WORKER_TIMEOUT + 3)  # gunicorn replaces the stuck worker after its timeout
        _assert_nothing_left(server, session, media_before)
    assert "WORKER TIMEOUT" in server["log"].read_text(errors="replace")


def _read_response(sock: socket.socket) -> tuple[int, str]:
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        chunks.append(chunk)
    raw = b"".join(chunks)
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body.decode("utf-8", "replace")


def test_a_too_large_upload_gets_a_polite_413_with_the_typed_fields(server, editor, session):
    cookie, token = _login(server["base"])
    boundary, head, data, tail = _multipart(token, LIMIT + 512 * 1024)
    media_before, offset = listing(server["media"]), _log_size(server)
    with socket.create_connection(("127.0.0.1", server["port"]), timeout=30) as sock:
        sock.sendall(_request_head(server["port"], cookie, boundary, len(head) + len(data) + len(tail)))
        sock.sendall(head + data + tail)  # the whole body, as a browser does before it reads the answer
        status, page = _read_response(sock)
    assert status == 413, page[:2000]
    assert "Nội dung gửi lên quá lớn" in page and "3,0 MB" in page  # what is allowed, in Vietnamese
    assert TITLE in page and SUMMARY in page and 'type="file"' in page  # typed text kept; file chosen again
    _assert_nothing_left(server, session, media_before)
    # A body far past the limit is not read at all: the answer comes at once, without the form.
    with socket.create_connection(("127.0.0.1", server["port"]), timeout=30) as sock:
        sock.sendall(_request_head(server["port"], cookie, boundary, 50 * LIMIT) + head)
        status, page = _read_response(sock)
    assert status == 413 and "Nội dung gửi lên quá lớn" in page and TITLE not in page
    _assert_nothing_left(server, session, media_before)
    assert _errors_since(server, offset) == []


# -- the same 413 in-process (runs on both databases without a server) -------------------------

def test_too_large_upload_in_process_keeps_the_fields(app, client, editor, login, session, monkeypatch):
    login("bientap@example.org", password=PASSWORD)
    token = csrf_from(client.get("/quan-tri/thu-vien/moi").get_data(as_text=True))
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 200 * 1024)
    response = client.post("/quan-tri/thu-vien/moi", content_type="multipart/form-data", data={
        "csrf_token": token, "title": TITLE, "kind": "guide", "unit_code": "31", "category_id": "0",
        "summary": SUMMARY, "files": (io.BytesIO(b"%PDF-1.4\n" + os.urandom(300 * 1024)), "so-tay.pdf")})
    page = response.get_data(as_text=True)
    assert response.status_code == 413, page[page.find("<main"):][:2000]
    assert "Nội dung gửi lên quá lớn" in page and "200 KB" in page
    assert re.search(r'name="title" value="[^"]*"', page) and TITLE in page and SUMMARY in page
    assert 'enctype="multipart/form-data"' in page and 'name="files"' in page
    assert count(session, Item) == 0
    # "Send again" without the file saves the document; the file can be added afterwards.
    kept = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    import html

    again = client.post("/quan-tri/thu-vien/moi", data={k: html.unescape(v) for k, v in kept.items()})
    assert again.status_code == 302 and count(session, Item) == 1
