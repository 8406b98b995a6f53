"""The job worker is killed (SIGKILL) in the middle of a bulletin's audio render: no partial
audio, EPUB or index file is left, and the next worker runs the job again to the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import soundfile
from sqlalchemy import select

from portal.bulletins import service
from portal.bulletins.models import Bulletin
from portal.db import db
from portal.jobs.models import RUN_RUNNING, JobRun
from portal.jobs.queue import jobs
from portal.search import index, searching
from portal.search.backend import from_config
from portal.units.service import get_by_code
from tests.conftest import PROJECT_ROOT

CONSUMER = os.path.join(os.path.dirname(sys.executable), "huey_consumer")
BODY = ("Trạm y tế phường tiêm vắc-xin sởi cho trẻ vào sáng thứ Bảy. Bà con nhớ mang theo sổ tiêm chủng. "
        "Trẻ đang sốt xin hẹn buổi khác.")


def _wait_for(what: str, condition, seconds: float, worker: subprocess.Popen | None = None):
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        if worker is not None and worker.poll() is not None:
            raise AssertionError(f"the worker stopped while waiting for {what}:\n{_output(worker)[-4000:]}")
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)
    return found


def _output(worker: subprocess.Popen) -> str:
    if worker.poll() is None:
        worker.send_signal(signal.SIGINT)
    try:
        return worker.communicate(timeout=30)[0].decode(errors="replace")
    except subprocess.TimeoutExpired:
        worker.kill()
        return worker.communicate()[0].decode(errors="replace")


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def _partial(folder: Path) -> list[str]:
    """Temporary files anywhere under ``folder`` (".name.<owner>-x.part", ".tmp-x.epub")."""
    return [name for name in _files(folder) if Path(name).name.startswith(".")]


def _bulletin(session, bulletin_id: int) -> Bulletin:
    session.expire_all()
    return session.get(Bulletin, bulletin_id)


@pytest.mark.slow
@pytest.mark.parametrize("kill", ["worker", "group"])
def test_a_worker_killed_mid_render_leaves_no_partial_file_and_the_job_runs_again(
        app, app_config, session, make_user, tmp_path, kill):
    """``worker``: SIGKILL the consumer alone (the voice's child cleans up and exits);
    ``group``: the consumer, its fork server and the voice's child at once (as systemd stops a
    unit): the half-written files stay, hidden, until the next worker starts."""
    from portal import create_app

    media_root, directory = tmp_path / "media", tmp_path / "index"
    backend = app_config["SEARCH_BACKEND"]
    settings = {"JOBS_IMMEDIATE": False, "JOBS_DB": str(tmp_path / "jobs.db"),
                "JOBS_NAME": app_config["JOBS_NAME"] + "-killed", "MEDIA_ROOT": str(media_root),
                "SEARCH_INDEX_DIR": str(directory), "SEARCH_BACKEND": backend,
                "SPEECH_ENGINE": "tests.faults.engines:SlowEngine", "SPEECH_TIME_LIMIT": 300}
    env = dict(os.environ, PORTAL_INSTANCE=app_config["INSTANCE_PATH"], DATABASE_URL=app_config["DATABASE_URL"],
               SECRET_KEY="x" * 32, PORTAL_TEST_SPEECH_DELAY="1.5",
               **{key: str(value) for key, value in settings.items() if key != "JOBS_IMMEDIATE"}, JOBS_IMMEDIATE="0")
    admin_id = make_user("admin-k@example.org", role="admin")
    queued = create_app({**app_config, **settings})
    target = from_config(queued.config)
    index.rebuild(target, [])
    audio = media_root / "public" / "audio"
    workers: list[subprocess.Popen] = []

    def start_worker() -> subprocess.Popen:
        worker = subprocess.Popen([CONSUMER, "portal.worker.huey", "-w", "2", "-k", "thread"], cwd=PROJECT_ROOT,
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        workers.append(worker)
        return worker

    try:
        with queued.app_context():
            from portal.accounts.models import User

            admin = db.session.get(User, admin_id)
            data = service.BulletinData(title="Lịch tiêm chủng mở rộng tháng 12", body=BODY, topic="suc-khoe",
                                        summary="Trạm y tế phường thông báo lịch tiêm.",
                                        unit=get_by_code(db.session, "31"))
            bulletin = service.save(db.session, admin, data)
            service.publish(db.session, admin, bulletin)  # queues the render and the index update
            bulletin_id, slug = bulletin.id, bulletin.slug

        first = start_worker()
        # The render has begun: its run is recorded and the voice is writing temporary files.
        _wait_for("the render to start", lambda: session.scalar(select(JobRun).where(JobRun.state == RUN_RUNNING))
                  and audio.exists() and any(name.endswith(".part") for name in os.listdir(audio)), 120, first)
        if kill == "worker":
            first.send_signal(signal.SIGKILL)
            first.wait()
            # The voice's child process sees its worker gone and removes what it was writing.
            _wait_for("the temporary files to go", lambda: not _partial(media_root), 20)
        else:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
            left = _partial(media_root)
            assert left and all(name.endswith(".part") for name in left), left
            served = queued.test_client()
            assert all(served.get(f"/media/{name}").status_code == 404 for name in left)
        assert not [name for name in _files(media_root) if name.endswith((".opus", ".mp3", ".json"))]
        b = _bulletin(session, bulletin_id)
        assert b.media_state == "waiting" and b.audio_mp3 is None
        run = session.scalar(select(JobRun))
        assert run.state == RUN_RUNNING and run.worker.endswith(f":{first.pid}")

        second = start_worker()  # finds the run of the dead worker at start-up and queues it again
        if kill == "group":  # the new worker sweeps the files of processes that are gone
            _wait_for("the leftovers to be swept", lambda: not set(_partial(media_root)) & set(left), 60, second)
        _wait_for("the render to finish", lambda: _bulletin(session, bulletin_id).media_state == "done", 240, second)
        _wait_for("the index to hold the bulletin", lambda: searching.find(target, "lich tiem chung").total, 60,
                  second)
        output = _output(second)
        assert "was cut off by a dead worker; queued again (1 of 3)" in output, output[-4000:]
        assert "Traceback" not in output, output[-4000:]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.communicate()
        db.bind(app)
        jobs.init_app(app)

    assert session.scalar(select(JobRun)) is None
    b = _bulletin(session, bulletin_id)
    assert b.media_error == "" and b.audio_seconds > 5
    # Whole files only: the audio decodes to its full length, the EPUB is a valid zip.
    assert not _partial(media_root)
    opus, mp3 = media_root / b.audio_opus, media_root / b.audio_mp3
    assert opus.stat().st_size == b.audio_opus_bytes and mp3.stat().st_size == b.audio_mp3_bytes
    samples, rate = soundfile.read(opus)
    assert rate == 16000 and abs(len(samples) / rate - b.audio_seconds) < 0.5
    info = soundfile.info(str(mp3))
    assert info.format == "MP3" and abs(info.duration - b.audio_seconds) < 0.5
    with zipfile.ZipFile(media_root / b.epub) as book:
        assert book.testzip() is None and book.namelist()[0] == "mimetype"
        assert book.read("mimetype") == b"application/epub+zip"
        assert any("tiêm vắc-xin sởi" in book.read(name).decode() for name in book.namelist()
                   if name.endswith(".xhtml"))
    # The search index opens and finds the bulletin.
    found = searching.find(target, "lich tiem chung")
    assert [hit.url for hit in found.hits] == [f"/ban-tin/{slug}"] and index.doc_count(target) == 1


def test_a_starting_worker_sweeps_what_dead_renders_left(app, tmp_path, monkeypatch):
    from portal.audio.parts import owner_tag
    from portal.media_render.jobs import sweep_leftovers

    monkeypatch.setitem(app.config, "MEDIA_ROOT", str(tmp_path))
    audio, epub = tmp_path / "public" / "audio", tmp_path / "public" / "epub"
    audio.mkdir(parents=True)
    epub.mkdir(parents=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    dead = audio / f".k.opus.{owner_tag(int(gone.stdout))}-ab.part"
    live = audio / f".k.mp3.{owner_tag()}-cd.part"
    old_epub, new_epub = epub / ".tmp-ab.epub", epub / ".tmp-cd.epub"
    for path in (dead, live, old_epub, new_epub):
        path.write_bytes(b"half")
    os.utime(old_epub, (time.time() - 3600, time.time() - 3600))
    with app.app_context():
        sweep_leftovers()
    assert not dead.exists() and live.exists() and not old_epub.exists() and new_epub.exists()
    assert "portal.media_render.jobs.sweep_leftovers" in jobs.huey._startup  # run by every worker as it starts
