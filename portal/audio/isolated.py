"""Speech in a child process, stopped at a time limit.

espeak-ng runs in-process through ctypes and gTTS waits on the network: either can hang, and
a call hung inside a worker thread can be neither interrupted nor timed out. So the jobs
speak through `render_speech_limited`, which runs `render_speech` in a child process and
waits at most ``time_limit`` seconds for it:

* in time: the child's `SpeechResult` is returned, or the child's exception is raised again;
* too slow: the child is killed, its temporary files are removed and `SpeechTimeout`
  ("the voice engine did not finish within N s") is raised;
* the child dies (out of memory, a crash in C): `SpeechCrashed`.

Children are forked from a multiprocessing fork server that has already imported the speech
modules, so a child costs milliseconds, and nothing is ever forked from the threaded worker
itself. A daemonic process (Huey's ``-k process`` workers) may not have multiprocessing
children; there the child is a fresh interpreter running this module instead (slower to
start, same behaviour). Either way the child watches its parent: when the worker is killed,
the child deletes its temporary files and exits rather than speak on for nobody.

The fork server keeps the environment of the moment it started: a proxy variable set later
reaches no child. As with any multiprocessing code, a script that calls this must keep its
own work under ``if __name__ == "__main__":`` (the child imports the main module); the huey
consumer, gunicorn, flask and pytest all do. A child costs about 70 ms more than speaking
in-process (20 ms when the audio is already cached), measured on the 2-CPU build machine.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle  # only between this process and its own child  # nosec B403
import subprocess
import sys
import threading
import time
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from portal.audio.engines import EngineError
from portal.audio.parts import remove_parts_of
from portal.audio.render import SpeechResult, render_speech

# A child still running this long after its limit (its parent hung or vanished) stops itself.
CHILD_GRACE_SECONDS = 30
_EXIT_ORPHANED = 75
_context_lock = threading.Lock()
_context: Any = None


class SpeechTimeout(EngineError):
    """The voice engine was stopped at the time limit."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the voice engine did not finish within {seconds:g} s")

    def __reduce__(self):
        return type(self), (self.seconds,)


class SpeechCrashed(EngineError):
    """The child process died before it answered."""


# -- the child ---------------------------------------------------------------------------

def _watch_parent(out_dir: Path, stop_after: float, parent_gone: Any) -> None:
    """Exit (removing this process's temporary files) when ``parent_gone`` is ready or the
    time is up; ``parent_gone`` is something `wait` accepts, or a blocking callable."""

    def watch() -> None:
        if callable(parent_gone):  # a blocking read that returns at end of file
            reader = threading.Thread(target=parent_gone, daemon=True)
            reader.start()
            reader.join(stop_after)
        else:
            wait([parent_gone], timeout=stop_after)
        remove_parts_of(out_dir, os.getpid())
        os._exit(_EXIT_ORPHANED)

    threading.Thread(target=watch, name="speech-parent-watch", daemon=True).start()


def _speak(text: str, out_dir: str, options: dict[str, Any]) -> tuple[str, Any]:
    try:
        return "ok", render_speech(text, out_dir, **options)
    except Exception as exc:
        return "error", exc


def _dumps(outcome: tuple[str, Any]) -> bytes:
    try:
        return pickle.dumps(outcome)
    except Exception:  # an exception carrying something that does not pickle
        kind, value = outcome
        return pickle.dumps((kind, EngineError(f"{type(value).__name__}: {value}")))


def _forked_child(conn: Any, text: str, out_dir: str, time_limit: float, options: dict[str, Any]) -> None:
    parent = multiprocessing.parent_process()
    assert parent is not None
    _watch_parent(Path(out_dir), time_limit + CHILD_GRACE_SECONDS, parent.sentinel)
    conn.send_bytes(_dumps(_speak(text, out_dir, options)))
    conn.close()


def _interpreter_child() -> None:
    """``python -m portal.audio.isolated``: the request comes pickled on stdin (a length line,
    then the bytes); the outcome goes pickled to stdout. stdin stays open while the parent lives."""
    size = int(sys.stdin.buffer.readline())
    request = sys.stdin.buffer.read(size)
    text, out_dir, time_limit, options = pickle.loads(request)  # noqa: S301 (our parent's pipe)  # nosec B301
    _watch_parent(Path(out_dir), time_limit + CHILD_GRACE_SECONDS, sys.stdin.buffer.read)
    sys.stdout.buffer.write(_dumps(_speak(text, out_dir, options)))
    sys.stdout.buffer.flush()
    os._exit(0)  # not a normal exit: the watching thread is blocked reading stdin


# -- the parent --------------------------------------------------------------------------

def _fork_server() -> Any:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            _context = context
        return _context


def _in_forked_child(text: str, out_dir: Path, time_limit: float, options: dict[str, Any]) -> tuple[Any, int, Any]:
    """(outcome or None, child pid, exit code or None when it was still running)."""
    context = _fork_server()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_forked_child, args=(sender, text, str(out_dir), time_limit, options),
                            name="speech", daemon=True)
    try:
        child.start()
        sender.close()
        outcome = None
        deadline = time.monotonic() + time_limit
        while outcome is None and (remaining := deadline - time.monotonic()) > 0:
            ready = wait([receiver, child.sentinel], timeout=remaining)
            if receiver in ready or (ready and receiver.poll()):
                try:
                    outcome = pickle.loads(receiver.recv_bytes())  # noqa: S301 (our child's pipe)  # nosec B301
                except EOFError:
                    break  # the child closed its end without a word: it is dying
            elif ready:
                break  # the child died without a word
        else:
            if outcome is None:  # out of time
                child.kill()
                child.join()
                return None, child.pid, None
        child.join(10)
        return outcome, child.pid, child.exitcode
    finally:
        receiver.close()
        if child.pid is not None and child.is_alive():
            child.kill()
            child.join()


def _in_interpreter(text: str, out_dir: Path, time_limit: float, options: dict[str, Any]) -> tuple[Any, int, Any]:
    request = pickle.dumps((text, str(out_dir), time_limit, options))
    path = os.pathsep.join(entry or os.getcwd() for entry in sys.path)  # the same modules as here
    child = subprocess.Popen([sys.executable, "-m", __name__],  # noqa: S603 (no input in the command)  # nosec B603
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": path})
    try:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(b"%d\n" % len(request) + request)
        child.stdin.flush()  # stdin stays open: the child takes its end of file for our death
        output = bytearray()
        deadline = time.monotonic() + time_limit
        while (remaining := deadline - time.monotonic()) > 0:
            if wait([child.stdout], timeout=remaining):
                chunk = os.read(child.stdout.fileno(), 1 << 16)
                if not chunk:
                    break
                output += chunk
        else:
            child.kill()
            child.wait()
            return None, child.pid, None
        child.stdin.close()
        returncode = child.wait(10)
        try:
            return pickle.loads(output), child.pid, returncode  # noqa: S301 (our child's pipe)  # nosec B301
        except (pickle.UnpicklingError, EOFError):
            return None, child.pid, returncode
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def render_speech_limited(text: str, out_dir: Path | str, *, time_limit: float, **options: Any) -> SpeechResult:
    """`render_speech` (same arguments) in a child process stopped after ``time_limit`` seconds.

    The engine must be given by name (a registered one or a ``module:Class`` path) since the
    child builds its own.
    """
    if not time_limit > 0:
        raise ValueError("time_limit must be a positive number of seconds")
    if not isinstance(options.get("engine", ""), str) or not isinstance(options.get("fallback", ""), str | None):
        raise TypeError("give the engine and its fallback by name: the child process builds its own")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    run = _in_interpreter if multiprocessing.current_process().daemon else _in_forked_child
    outcome, pid, exitcode = run(text, out_dir, time_limit, options)
    if outcome is None:
        remove_parts_of(out_dir, pid)
        if exitcode is None:
            raise SpeechTimeout(time_limit)
        raise SpeechCrashed(f"the voice engine stopped unexpectedly (exit code {exitcode})")
    kind, value = outcome
    if kind == "ok":
        return value
    raise value


if __name__ == "__main__":
    _interpreter_child()
