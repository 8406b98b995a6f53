"""Speech engines that misbehave, for the fault-tolerance tests.

The jobs speak in a child process that builds its engine from its name, so a test picks one
with ``SPEECH_ENGINE="tests.faults.engines:<Class>"``; none is registered in the portal.
"""

from __future__ import annotations

import os
import socket
import time

from portal.audio.engines import EngineError, Pcm
from portal.audio.engines.espeak import EspeakEngine
from portal.audio.engines.google import GoogleEngine


class HangingEngine(EspeakEngine):
    """Never answers, like a voice library stuck in C or a network call without a timeout."""

    name = "test-hanging"

    def synthesize(self, text: str) -> Pcm:
        time.sleep(3600)
        raise AssertionError("a hanging engine was not stopped")


class FailingEngine(EspeakEngine):
    """Fails on every sentence and says which process it ran in."""

    name = "test-failing"

    def synthesize(self, text: str) -> Pcm:
        raise EngineError(f"test engine failed in process {os.getpid()}")


class DyingEngine(EspeakEngine):
    """The process dies under it (as when the kernel kills it for memory)."""

    name = "test-dying"

    def synthesize(self, text: str) -> Pcm:
        os._exit(9)


class SlowEngine(EspeakEngine):
    """The real offline voice, ``PORTAL_TEST_SPEECH_DELAY`` seconds (default 1) per sentence."""

    name = "test-slow"

    def synthesize(self, text: str) -> Pcm:
        time.sleep(float(os.environ.get("PORTAL_TEST_SPEECH_DELAY") or 1))
        return super().synthesize(text)


class UnreachableGoogle(GoogleEngine):
    """Google's online voice behind a proxy nobody answers at (a closed port of this machine),
    as on a commune server whose internet link is down. Changes the environment of the child
    process only."""

    def fetch_mp3(self, text: str) -> bytes:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
            os.environ.pop(name, None)
        os.environ["HTTPS_PROXY"] = os.environ["https_proxy"] = f"http://127.0.0.1:{port}"
        return super().fetch_mp3(text)
