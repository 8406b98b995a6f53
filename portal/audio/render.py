"""`render_speech`: text in, cached Ogg Opus + MP3 files out."""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from portal.audio import engines
from portal.audio.chunks import DEFAULT_MAX_CHARS, Chunk, split_sentences
from portal.audio.encode import MEDIA_MODE, AudioSettings, SpeechWriter
from portal.audio.engines import EngineUnavailable, SpeechEngine
from portal.audio.normalize import normalize_vi
from portal.audio.numbers import NORTH, NumberStyle
from portal.audio.parts import sweep, temp_prefix

# Bump when the pipeline changes what the same text sounds like, to re-render everything.
FORMAT_VERSION = 1
# Temporary files untouched this long were left by a process that died mid-render (those of a
# dead process on this machine are swept at once, see `portal.audio.parts`).
STALE_PART_SECONDS = 3600

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpeechResult:
    key: str
    opus_path: Path
    mp3_path: Path
    duration: float
    opus_bytes: int
    mp3_bytes: int
    engine: str
    voice: str
    cached: bool
    fell_back: bool = False
    fallback_reason: str = ""  # why the first engine did not speak, when it fell back

    @property
    def paths(self) -> tuple[Path, Path]:
        return self.opus_path, self.mp3_path


def speech_key(text: str, engine: SpeechEngine, settings: AudioSettings) -> str:
    """Hash of what the audio depends on: normalised text, engine, voice, format."""
    parts = [
        f"format={FORMAT_VERSION}",
        f"engine={engine.name}",
        f"voice={engine.voice_id()}",
        json.dumps(asdict(settings), sort_keys=True),
        text,
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def _metadata_path(out_dir: Path, key: str) -> Path:
    return out_dir / f"{key}.json"


def _cached(out_dir: Path, key: str) -> SpeechResult | None:
    """The finished result for ``key``: its metadata is written last, after both files."""
    try:
        meta = json.loads(_metadata_path(out_dir, key).read_text(encoding="utf-8"))
        opus, mp3 = out_dir / f"{key}.opus", out_dir / f"{key}.mp3"
        if opus.stat().st_size != meta["opus_bytes"] or mp3.stat().st_size != meta["mp3_bytes"]:
            return None
        return SpeechResult(
            key=key, opus_path=opus, mp3_path=mp3, duration=float(meta["duration"]),
            opus_bytes=int(meta["opus_bytes"]), mp3_bytes=int(meta["mp3_bytes"]),
            engine=str(meta["engine"]), voice=str(meta["voice"]), cached=True,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_json_atomically(path: Path, data: Mapping[str, Any]) -> None:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path), suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, sort_keys=True)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(name, MEDIA_MODE)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _synthesise(
    engine: SpeechEngine, chunks: list[Chunk], out_dir: Path, key: str, settings: AudioSettings
) -> SpeechResult:
    with SpeechWriter(out_dir, key, settings) as writer:
        for index, chunk in enumerate(chunks):
            writer.write(engine.synthesize(chunk.text))
            if index < len(chunks) - 1:
                gap = settings.paragraph_pause if chunk.ends_paragraph else settings.sentence_pause
                writer.pause(gap)
        encoded = writer.commit()
    result = SpeechResult(
        key=key, opus_path=writer.opus_path, mp3_path=writer.mp3_path,
        duration=round(encoded.duration, 3), opus_bytes=encoded.opus_bytes,
        mp3_bytes=encoded.mp3_bytes, engine=engine.name, voice=engine.voice_id(), cached=False,
    )
    meta = {
        "format": FORMAT_VERSION, "engine": result.engine, "voice": result.voice,
        "duration": result.duration, "opus_bytes": result.opus_bytes,
        "mp3_bytes": result.mp3_bytes,
    }
    _write_json_atomically(_metadata_path(out_dir, key), meta)
    return result


def _engine(choice: str | SpeechEngine, options: Mapping[str, Any]) -> SpeechEngine:
    if isinstance(choice, str):
        return engines.create(choice, **options)
    if options:
        raise ValueError("engine options only apply to an engine given by name")
    return choice


def render_speech(
    text: str,
    out_dir: Path | str,
    engine: str | SpeechEngine = "espeak",
    *,
    fallback: str | SpeechEngine | None = "espeak",
    fallback_options: Mapping[str, Any] | None = None,
    settings: AudioSettings | None = None,
    style: NumberStyle = NORTH,
    max_chunk_chars: int = DEFAULT_MAX_CHARS,
    try_primary: bool = True,
    **engine_options: Any,
) -> SpeechResult:
    """Speak ``text`` into ``out_dir/<hash>.opus`` and ``.mp3`` unless already there.

    ``engine`` is a registered name (``engine_options`` configure it) or an engine object.
    When it is unavailable (Google unreachable or refusing), ``fallback`` speaks instead and
    the result says ``fell_back=True``; the next call tries the first engine again.
    ``try_primary=False`` (the first engine is known to be down): its audio is used if it is
    already there, else the fallback speaks without the first engine being asked.
    """
    settings = settings or AudioSettings()
    out_dir = Path(out_dir)
    spoken = normalize_vi(text, style)
    chunks = [c for c in split_sentences(spoken, max_chunk_chars) if any(ch.isalnum() for ch in c.text)]
    if not chunks:
        raise ValueError("there is nothing to say in this text")
    out_dir.mkdir(parents=True, exist_ok=True)

    primary = _engine(engine, engine_options)
    key = speech_key(spoken, primary, settings)
    found = _cached(out_dir, key)
    if found:
        return found
    sweep(out_dir, STALE_PART_SECONDS)
    try:
        if not try_primary:
            raise EngineUnavailable(f"{primary.name} is not to be asked now")
        return _synthesise(primary, chunks, out_dir, key, settings)
    except EngineUnavailable as exc:
        if fallback is None:
            raise
        backup = _engine(fallback, fallback_options or {})
        if backup.name == primary.name and backup.voice_id() == primary.voice_id():
            raise
        reason = str(exc)
        if try_primary:
            log.warning("speech engine %s unavailable (%s); using %s", primary.name, exc, backup.name)
    backup_key = speech_key(spoken, backup, settings)
    found = _cached(out_dir, backup_key)
    result = found or _synthesise(backup, chunks, out_dir, backup_key, settings)
    return replace(result, fell_back=True, fallback_reason=reason[:300])
