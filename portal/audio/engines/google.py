"""The online voice: Google Translate's text-to-speech through gTTS.

Any network or service failure becomes `EngineUnavailable`, so `render_speech` falls back to
the offline voice. gTTS sends its requests through the proxies in the environment
(``HTTPS_PROXY``), which is how a deployment behind a proxy (and the tests) steer it.
"""

from __future__ import annotations

import io

import numpy as np
import soundfile

from portal.audio.engines.base import EngineUnavailable, Pcm

DEFAULT_TIMEOUT = 10.0


class GoogleEngine:
    name = "gtts"

    def __init__(
        self,
        lang: str = "vi",
        tld: str = "com",
        slow: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.lang, self.tld, self.slow, self.timeout = lang, tld, slow, timeout

    def voice_id(self) -> str:
        return f"{self.lang};tld={self.tld};slow={self.slow}"

    def fetch_mp3(self, text: str) -> bytes:
        """Google's MP3 for ``text``; raises `EngineUnavailable` on any failure to get it."""
        import requests
        from gtts import gTTS, gTTSError

        buffer = io.BytesIO()
        try:
            speech = gTTS(
                text=text, lang=self.lang, tld=self.tld, slow=self.slow,
                lang_check=False, timeout=self.timeout,
            )
            speech.write_to_fp(buffer)
        except (gTTSError, requests.RequestException, OSError) as exc:
            raise EngineUnavailable(f"Google text-to-speech unavailable: {exc}") from exc
        return buffer.getvalue()

    def synthesize(self, text: str) -> Pcm:
        data = self.fetch_mp3(text)
        try:
            samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
        except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
            raise EngineUnavailable(f"Google sent audio that cannot be decoded: {exc}") from exc
        mono = samples.mean(axis=1, dtype=np.float32)
        return Pcm(samples=mono, sample_rate=int(rate))
