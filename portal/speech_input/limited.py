"""The recogniser in a fresh interpreter, stopped at a time limit.

A recogniser is native code (viet-asr is C++ and ONNX Runtime): it can crash the process or
never return, and a call hung in a worker thread can be neither interrupted nor timed out. So
the job runs `transcribe_limited`, which decodes and recognises in a child process
(``python -m portal.speech_input.limited``) and waits at most ``time_limit`` seconds:

* in time: the words are returned, or the child's `AudioError` / `RecognizerError` raised again;
* too slow: the child is killed and `RecognitionTimeout` is raised;
* the child dies (a crash in C, out of memory): `RecognitionCrashed`.

The words travel only over the child's stdout; the child's stderr (the library's own progress
lines) is dropped, and neither the words nor the audio are ever logged. Starting the child and
loading viet-asr's model costs about a second.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .audio import MAX_SECONDS, AudioError, decode
from .recognizers import RecognizerError, create


class RecognitionTimeout(RecognizerError):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the recogniser did not finish within {seconds:g} s")


class RecognitionCrashed(RecognizerError):
    """The child process died before it answered."""


def transcribe_limited(path: Path | str, recognizer: str, *, time_limit: float,
                       max_seconds: float = MAX_SECONDS) -> str:
    # The same modules as here, wherever the current directory is (a test or a job may have moved it):
    # the folder holding the portal package first, then this interpreter's own path.
    root = str(Path(__file__).resolve().parents[2])
    path_entries = os.pathsep.join([root, *(entry for entry in sys.path if entry)])
    env = {**os.environ, "PYTHONPATH": path_entries}
    command = [sys.executable, "-m", __name__, recognizer, str(path), str(max_seconds)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=time_limit, env=env, cwd=root,  # noqa: S603  # nosec B603
                              check=False)
    except subprocess.TimeoutExpired:
        raise RecognitionTimeout(time_limit) from None
    try:
        answer = json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise RecognitionCrashed(f"the recogniser stopped (exit status {done.returncode})") from None
    if "text" in answer:
        return str(answer["text"])
    if answer.get("audio"):
        raise AudioError(answer["audio"])
    raise RecognizerError(str(answer.get("error", "unknown error")))


def _child(recognizer: str, path: str, max_seconds: str) -> dict:
    try:
        samples = decode(Path(path), float(max_seconds))
        return {"text": create(recognizer).transcribe(samples)}
    except AudioError as exc:
        return {"audio": exc.reason}
    except (RecognizerError, ValueError) as exc:
        return {"error": f"{type(exc).__name__}: {exc}"}


if __name__ == "__main__":
    outcome = _child(*sys.argv[1:4])
    sys.stdout.write("\n" + json.dumps(outcome, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    os._exit(0)  # skip the native libraries' destructors: the answer is out
