"""Speech for bulletins, library items and lessons: Vietnamese text → Ogg Opus + MP3.

    from portal.audio import render_speech
    result = render_speech(text, media_dir / "speech", engine="espeak")
    # in a child process, stopped after 300 s (what the background jobs use):
    result = render_speech_limited(text, media_dir / "speech", time_limit=300, engine="espeak")

No Flask and no configuration here: the app passes its settings in as arguments.
"""

from __future__ import annotations

from portal.audio import engines
from portal.audio.chunks import Chunk, split_sentences
from portal.audio.encode import AudioSettings
from portal.audio.engines import EngineError, EngineUnavailable, Pcm, SpeechEngine
from portal.audio.isolated import SpeechCrashed, SpeechTimeout, render_speech_limited
from portal.audio.normalize import normalize_vi
from portal.audio.numbers import NORTH, SOUTH, NumberStyle, read_integer
from portal.audio.render import FORMAT_VERSION, SpeechResult, render_speech, speech_key

__all__ = [
    "FORMAT_VERSION",
    "NORTH",
    "SOUTH",
    "AudioSettings",
    "Chunk",
    "EngineError",
    "EngineUnavailable",
    "NumberStyle",
    "Pcm",
    "SpeechEngine",
    "SpeechCrashed",
    "SpeechResult",
    "SpeechTimeout",
    "engines",
    "normalize_vi",
    "read_integer",
    "render_speech",
    "render_speech_limited",
    "speech_key",
    "split_sentences",
]
