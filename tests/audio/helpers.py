"""Test helpers for the speech pipeline."""

from __future__ import annotations

from portal.audio.engines import Pcm, SpeechEngine
from portal.audio.engines.espeak import EspeakEngine


class CountingEngine:
    """Wraps a real engine and counts the sentences it is asked to speak."""

    def __init__(self, inner: SpeechEngine | None = None) -> None:
        self.inner = inner or EspeakEngine()
        self.name = self.inner.name
        self.calls: list[str] = []

    def voice_id(self) -> str:
        return self.inner.voice_id()

    def synthesize(self, text: str) -> Pcm:
        self.calls.append(text)
        return self.inner.synthesize(text)
