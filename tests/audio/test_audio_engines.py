"""The engine registry and the online voice's fallback, without reaching the internet.

gTTS sends its requests through the proxy named in the environment, so pointing
HTTPS_PROXY at a loopback port keeps every byte on this machine: either nothing listens
there (unreachable) or a tiny proxy answers 403 (refused).
"""

from __future__ import annotations

import io
import socket
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile

from portal.audio import EngineUnavailable, Pcm, SpeechEngine, engines, render_speech
from portal.audio.engines.espeak import EspeakEngine
from portal.audio.engines.google import GoogleEngine
from tests.audio.helpers import CountingEngine

TEXT = "Bản tin Mặt trận Tổ quốc phát ngày 2/9."


class _RefusingProxy(socketserver.BaseRequestHandler):
    requests: list[str]

    def handle(self) -> None:
        head = self.request.recv(4096).decode("latin-1")
        type(self).requests.append(head.split("\r\n", 1)[0])
        self.request.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


def _use_proxy(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", url)
    monkeypatch.setenv("https_proxy", url)


@pytest.fixture
def refusing_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    class Handler(_RefusingProxy):
        requests: list[str] = []  # a fresh class, so a fresh list, for each test

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _use_proxy(monkeypatch, f"http://127.0.0.1:{server.server_address[1]}")
    yield Handler.requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def unreachable_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _use_proxy(monkeypatch, f"http://127.0.0.1:{port}")


def test_registry_knows_the_builtin_engines() -> None:
    assert {"espeak", "gtts"} <= set(engines.names())
    assert isinstance(engines.create("espeak", rate=150), EspeakEngine)
    assert isinstance(engines.create("gtts", tld="com.vn"), GoogleEngine)
    assert isinstance(engines.create("espeak"), SpeechEngine)
    with pytest.raises(ValueError, match="unknown speech engine"):
        engines.create("piper")
    with pytest.raises(ValueError):
        engines.create("espeak", rate=10)


def test_a_new_engine_can_be_plugged_in(speech_dir: Path) -> None:
    class Beep:
        name = "beep"

        def voice_id(self) -> str:
            return "440hz"

        def synthesize(self, text: str) -> Pcm:
            seconds = np.arange(int(0.05 * len(text.split()) * 22050)) / 22050
            return Pcm((0.3 * np.sin(2 * np.pi * 440 * seconds)).astype(np.float32), 22050)

    engines.register("beep", Beep)
    try:
        with pytest.raises(ValueError, match="already registered"):
            engines.register("beep", Beep)
        result = render_speech("Một hai ba bốn năm.", speech_dir, engine="beep")
        assert result.engine == "beep" and result.voice == "440hz" and result.duration > 0.2
    finally:
        engines.unregister("beep")
    assert "beep" not in engines.names()


def test_unknown_espeak_voice_is_an_error() -> None:
    with pytest.raises(engines.EngineError, match="no voice"):
        EspeakEngine(voice="xx-nowhere").synthesize("xin chào")


def test_gtts_refused_by_the_network_falls_back_to_espeak(
    speech_dir: Path, refusing_proxy: list[str]
) -> None:
    with pytest.raises(EngineUnavailable):
        GoogleEngine(timeout=5).synthesize("xin chào")
    assert refusing_proxy and refusing_proxy[0].startswith("CONNECT translate.google.com:443")

    result = render_speech(TEXT, speech_dir, engine="gtts", timeout=5)
    assert result.fell_back and result.engine == "espeak" and not result.cached
    assert soundfile.info(result.opus_path).duration == pytest.approx(result.duration, abs=0.05)

    again = render_speech(TEXT, speech_dir, engine="gtts", timeout=5)
    assert again.fell_back and again.cached and again.key == result.key  # Google tried, espeak not rerun


def test_gtts_unreachable_falls_back_to_espeak(speech_dir: Path, unreachable_proxy: None) -> None:
    result = render_speech(TEXT, speech_dir, engine="gtts", timeout=5, fallback_options={"rate": 140})
    assert result.fell_back and result.engine == "espeak" and "rate=140" in result.voice


def test_no_fallback_means_the_failure_is_reported(speech_dir: Path, unreachable_proxy: None) -> None:
    with pytest.raises(EngineUnavailable):
        render_speech(TEXT, speech_dir, engine="gtts", timeout=5, fallback=None)
    assert not any(speech_dir.iterdir())


class _Unavailable(CountingEngine):
    name = "flaky"

    def voice_id(self) -> str:
        return "flaky"

    def synthesize(self, text: str) -> Pcm:
        self.calls.append(text)
        raise EngineUnavailable("service down")


def test_an_injected_failing_engine_falls_back_to_the_given_engine(speech_dir: Path) -> None:
    flaky, backup = _Unavailable(), CountingEngine()
    result = render_speech(TEXT, speech_dir, engine=flaky, fallback=backup)
    assert result.fell_back and len(flaky.calls) == 1 and len(backup.calls) == 1
    assert not any(path.name.endswith(".part") for path in speech_dir.iterdir())


def test_gtts_audio_goes_through_the_same_pipeline(speech_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Google's answer is MP3 at 24 kHz; stand in for it with a tone encoded the same way."""
    fetched: list[str] = []

    def fake_fetch(self: GoogleEngine, text: str) -> bytes:
        fetched.append(text)
        seconds = np.arange(24000) / 24000
        buffer = io.BytesIO()
        soundfile.write(buffer, 0.3 * np.sin(2 * np.pi * 220 * seconds), 24000, format="MP3")
        return buffer.getvalue()

    monkeypatch.setattr(GoogleEngine, "fetch_mp3", fake_fetch)
    result = render_speech("Câu một. Câu hai.", speech_dir, engine="gtts")
    assert fetched == ["Câu một.", "Câu hai."]
    assert not result.fell_back and result.engine == "gtts" and result.voice == "vi;tld=com;slow=False"
    assert result.duration == pytest.approx(2 + 0.35, abs=0.1)


def test_garbage_from_google_counts_as_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(GoogleEngine, "fetch_mp3", lambda self, text: b"<html>captcha</html>")
    with pytest.raises(EngineUnavailable, match="cannot be decoded"):
        GoogleEngine().synthesize("xin chào")
