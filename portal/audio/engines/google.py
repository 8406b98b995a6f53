"""The online voice: Google Translate's text-to-speech through gTTS.

Any network or service failure becomes `EngineUnavailable`, so `render_speech` falls back to
the offline voice. gTTS sends its requests through the proxies in the environment
(``HTTPS_PROXY``), which is how a deployment behind a proxy steers it. ``url`` sends them to
another address that answers like translate.google.com (a mirror, or the tests' loopback fake).
"""

from __future__ import annotations

import io

import numpy as np
import soundfile

from portal.audio.engines.base import EngineUnavailable, Pcm

DEFAULT_TIMEOUT = 10.0
# Where gTTS posts each piece of text (gTTS 2.5: translate.google.<tld> + this path).
ENDPOINT = "/_/TranslateWebserverUi/data/batchexecute"


def _tts_class(url: str):
    """gTTS itself, or gTTS sending to ``url`` instead of translate.google.<tld>."""
    from gtts import gTTS

    if not url:
        return gTTS

    class PointedTTS(gTTS):
        # gTTS builds its requests here (a private method in the pinned 2.5.4); only the
        # address changes: the same body, headers and answer parsing as for Google.
        def _prepare_requests(self):
            prepared = super()._prepare_requests()
            for request in prepared:
                request.prepare_url(url + ENDPOINT, None)
            return prepared

    return PointedTTS


class GoogleEngine:
    name = "gtts"

    def __init__(
        self,
        lang: str = "vi",
        tld: str = "com",
        slow: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        url: str = "",
    ) -> None:
        if url and not url.startswith(("http://", "https://")):
            raise ValueError(f"the natural voice's address must be an http(s) URL, got {url!r}")
        self.lang, self.tld, self.slow, self.timeout = lang, tld, slow, timeout
        self.url = url.rstrip("/")

    def voice_id(self) -> str:
        return f"{self.lang};tld={self.tld};slow={self.slow}"

    def fetch_mp3(self, text: str) -> bytes:
        """Google's MP3 for ``text``; raises `EngineUnavailable` on any failure to get it."""
        import requests
        from gtts import gTTSError

        buffer = io.BytesIO()
        try:
            speech = _tts_class(self.url)(
                text=text, lang=self.lang, tld=self.tld, slow=self.slow,
                lang_check=False, timeout=self.timeout,
            )
            speech.write_to_fp(buffer)
        except (gTTSError, requests.RequestException, OSError) as exc:
            raise EngineUnavailable(f"Google text-to-speech unavailable: {exc}") from exc
        if not buffer.getvalue():
            raise EngineUnavailable("Google text-to-speech answered without audio")
        return buffer.getvalue()

    def synthesize(self, text: str) -> Pcm:
        data = self.fetch_mp3(text)
        try:
            samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
        except (soundfile.LibsndfileError, RuntimeError, TypeError) as exc:
            raise EngineUnavailable(f"Google sent audio that cannot be decoded: {exc}") from exc
        mono = samples.mean(axis=1, dtype=np.float32)
        return Pcm(samples=mono, sample_rate=int(rate))
