"""A queue that is not in immediate mode (as in the worker), and a voice that counts what it says."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import SimpleNamespace

import pytest

from portal.db import db
from portal.jobs.queue import jobs


@pytest.fixture
def queued(app, app_config, tmp_path):
    from portal import create_app

    queued_app = create_app({**app_config, "JOBS_IMMEDIATE": False, "JOBS_DB": str(tmp_path / "jobs.db"),
                             "JOBS_NAME": app_config["JOBS_NAME"] + "-media", "MEDIA_ROOT": str(tmp_path / "media")})
    try:
        with queued_app.app_context():
            jobs.huey.flush()
            yield jobs.huey
            jobs.huey.flush()
    finally:
        db.bind(app)
        jobs.init_app(app)


@pytest.fixture
def spoken(monkeypatch) -> list[str]:
    """Every text given to the voice, in order; the "audio" is named after the text, as it is."""
    said: list[str] = []

    def speak(text, out_dir, **_options):
        said.append(text)
        name = hashlib.sha256(text.encode()).hexdigest()[:32]
        return SimpleNamespace(opus_path=Path(out_dir) / f"{name}.opus", mp3_path=Path(out_dir) / f"{name}.mp3",
                               duration=1.0, opus_bytes=100, mp3_bytes=200)

    monkeypatch.setattr("portal.audio.render_speech_limited", speak)
    return said


def renders_waiting(huey) -> int:
    """Render jobs on the queue (of any feature: the names changed with the shared pipeline)."""
    return sum("render" in task.name for task in huey.pending())


def run_queue(huey, limit: int = 100) -> list[str]:
    """Run the queue to the end, as one worker would; returns the names of the jobs run."""
    ran = []
    while (task := huey.dequeue()) is not None:
        ran.append(task.name)
        huey.execute(task)
        assert len(ran) < limit
    return ran
