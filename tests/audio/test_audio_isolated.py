"""Speech in a child process with a time limit: hangs stopped, failures and deaths reported,
temporary files never left behind (even when the parent is killed)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import soundfile

from portal.audio import (
    EngineError,
    EngineUnavailable,
    SpeechCrashed,
    SpeechTimeout,
    engines,
    render_speech,
    render_speech_limited,
)
from portal.audio.parts import owner_tag, sweep
from tests.conftest import PROJECT_ROOT

FAULTS = "tests.faults.engines"
TEXT = "Chào bà con. Họp tổ dân phố lúc 19 giờ."


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_speech_made_in_a_child_is_the_same_as_in_process(speech_dir: Path) -> None:
    result = render_speech_limited(TEXT, speech_dir, time_limit=120)
    assert not result.cached and result.engine == "espeak" and result.duration > 1
    samples, rate = soundfile.read(result.opus_path)
    assert rate == 16000 and len(samples) > rate
    assert soundfile.info(str(result.mp3_path)).format == "MP3"
    again = render_speech(TEXT, speech_dir)  # the parent finds the child's files in its cache
    assert again.cached and again.key == result.key
    assert _names(speech_dir) == sorted(f"{result.key}.{ext}" for ext in ("json", "mp3", "opus"))


def test_a_hanging_engine_is_stopped_at_the_time_limit(speech_dir: Path) -> None:
    started = time.monotonic()
    with pytest.raises(SpeechTimeout, match=r"did not finish within 1\.5 s") as caught:
        render_speech_limited(TEXT, speech_dir, time_limit=1.5, engine=f"{FAULTS}:HangingEngine")
    elapsed = time.monotonic() - started
    assert 1.5 <= elapsed < 20, elapsed  # the engine sleeps for an hour
    assert caught.value.seconds == 1.5 and isinstance(caught.value, EngineError)
    assert _names(speech_dir) == []  # the killed child's temporary files are gone too


def test_an_engine_error_comes_back_from_the_child(speech_dir: Path) -> None:
    with pytest.raises(EngineError, match="test engine failed in process") as caught:
        render_speech_limited(TEXT, speech_dir, time_limit=60, engine=f"{FAULTS}:FailingEngine")
    child_pid = int(str(caught.value).rsplit(" ", 1)[1])
    assert child_pid != os.getpid()
    assert _names(speech_dir) == []


def test_a_child_that_dies_is_reported_as_crashed(speech_dir: Path) -> None:
    with pytest.raises(SpeechCrashed, match="exit code 9"):
        render_speech_limited(TEXT, speech_dir, time_limit=60, engine=f"{FAULTS}:DyingEngine")
    assert _names(speech_dir) == []


def test_google_unreachable_from_the_child_falls_back_or_fails(speech_dir: Path) -> None:
    result = render_speech_limited(TEXT, speech_dir, time_limit=60, engine=f"{FAULTS}:UnreachableGoogle")
    assert result.fell_back and result.engine == "espeak" and result.opus_path.exists()
    with pytest.raises(EngineUnavailable, match="Google text-to-speech unavailable"):
        render_speech_limited(TEXT, speech_dir / "none", time_limit=60, engine=f"{FAULTS}:UnreachableGoogle",
                              fallback=None)
    assert _names(speech_dir / "none") == []


def test_engines_are_given_by_name_or_import_path() -> None:
    assert type(engines.create(f"{FAULTS}:SlowEngine")).__name__ == "SlowEngine"
    with pytest.raises(ValueError, match="cannot load speech engine"):
        engines.create("tests.faults.engines:NoSuchEngine")
    with pytest.raises(ValueError, match="unknown speech engine"):
        engines.create("piper")
    with pytest.raises(TypeError, match="by name"):
        render_speech_limited(TEXT, "/nonexistent", time_limit=5, engine=engines.create("espeak"))
    with pytest.raises(ValueError, match="time_limit"):
        render_speech_limited(TEXT, "/nonexistent", time_limit=0)


KILLED_PARENT = textwrap.dedent("""
    import sys
    from portal.audio import render_speech_limited

    if __name__ == "__main__":
        render_speech_limited("Một. Hai. Ba. Bốn. Năm. Sáu. Bảy. Tám.", sys.argv[1], time_limit=120,
                              engine="tests.faults.engines:SlowEngine")
""")


def test_a_killed_parent_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGKILL the process waiting for the speech: its child notices, removes its temporary
    files and exits instead of speaking on for nobody."""
    script, out = tmp_path / "speak.py", tmp_path / "audio"
    script.write_text(KILLED_PARENT)
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT), PORTAL_TEST_SPEECH_DELAY="2")
    parent = subprocess.Popen([sys.executable, str(script), str(out)], cwd=PROJECT_ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not any(name.endswith(".part") for name in _names(out)):
            assert time.monotonic() < deadline and parent.poll() is None, "the render never started"
            time.sleep(0.05)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
    deadline = time.monotonic() + 15
    while _names(out) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _names(out) == []


def _render_in_daemon(out_dir: str, queue) -> None:
    outcomes = []
    result = render_speech_limited(TEXT, out_dir, time_limit=120)
    outcomes.append(("ok", result.duration > 1, result.opus_path.exists()))
    try:
        render_speech_limited(TEXT, out_dir, time_limit=1.5, engine=f"{FAULTS}:HangingEngine")
    except SpeechTimeout as exc:
        outcomes.append(("timeout", exc.seconds))
    queue.put(outcomes)


def test_a_daemonic_worker_process_speaks_through_a_fresh_interpreter(speech_dir: Path) -> None:
    """Huey's process workers are daemonic and may not start multiprocessing children."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_render_in_daemon, args=(str(speech_dir), queue), daemon=True)
    worker.start()
    try:
        assert queue.get(timeout=120) == [("ok", True, True), ("timeout", 1.5)]
    finally:
        worker.join(30)
    assert not [name for name in _names(speech_dir) if name.endswith(".part")]


def test_the_sweep_removes_what_dead_processes_left(speech_dir: Path) -> None:
    speech_dir.mkdir(parents=True)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    dead_pid = int(gone.stdout)
    dead = speech_dir / f".abc.opus.{owner_tag(dead_pid)}-x1y2.part"
    mine = speech_dir / f".abc.mp3.{owner_tag()}-x3y4.part"
    other_host = speech_dir / f".abc.json.h00000000p{dead_pid}-x5y6.part"
    untagged = speech_dir / ".def.mp3.x2.part"
    for path in (dead, mine, other_host, untagged):
        path.write_bytes(b"half")
    assert sweep(speech_dir, max_age=3600) == 1
    assert not dead.exists() and mine.exists() and other_host.exists() and untagged.exists()
    os.utime(other_host, (1_600_000_000, 1_600_000_000))
    assert sweep(speech_dir, max_age=3600) == 1 and not other_host.exists()
