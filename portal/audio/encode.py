"""Resampling (soxr) and encoding (libsndfile through soundfile) to Ogg Opus and MP3.

No ffmpeg: the libsndfile bundled in the soundfile wheel (1.2.x) writes both. Its bitrate
is set through ``compression_level`` (0 = best quality, 1 = smallest):

* Ogg Opus: target bitrate = (1 − level) × 250 kbps + 6 kbps per channel (VBR);
* MP3 (constant bitrate): bitrate = max − level × (max − min), where for 16–24 kHz audio
  (MPEG-2 Layer III) min = 8 and max = 160 kbps; LAME then uses the nearest legal rate.

Files are written under a temporary name in the target folder and moved into place with
`os.replace`, so no half-written file ever carries a final name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import numpy as np
import numpy.typing as npt
import soundfile
import soxr

from portal.audio.engines import Pcm
from portal.audio.parts import temp_prefix

OPUS_SAMPLE_RATES = (8000, 12000, 16000, 24000, 48000)
MEDIA_MODE = 0o644  # mkstemp makes 0600 files; the web server must be able to read them
MP3_BITRATES = (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)  # MPEG-2


@dataclass(frozen=True)
class AudioSettings:
    """How the speech is encoded and paced. Every field is part of the file hash."""

    sample_rate: int = 16000
    opus_kbps: int = 16
    mp3_kbps: int = 24
    sentence_pause: float = 0.35
    paragraph_pause: float = 0.8
    gain_db: float = -1.0

    def __post_init__(self) -> None:
        if self.sample_rate not in OPUS_SAMPLE_RATES or not 16000 <= self.sample_rate <= 24000:
            raise ValueError("sample_rate must be 16000 or 24000 (Opus and MPEG-2 both accept it)")
        if not 6 <= self.opus_kbps <= 256:
            raise ValueError("opus_kbps must be 6–256")
        if self.mp3_kbps not in MP3_BITRATES:
            raise ValueError(f"mp3_kbps must be one of {MP3_BITRATES}")
        if not (0 <= self.sentence_pause <= 5 and 0 <= self.paragraph_pause <= 5):
            raise ValueError("pauses must be 0–5 seconds")


def opus_compression_level(kbps: float) -> float:
    return min(1.0, max(0.0, 1.0 - (kbps * 1000 - 6000) / 250_000))


def mp3_compression_level(kbps: int) -> float:
    # libsndfile truncates the bitrate to an int, so aim a hair above the wanted value.
    return min(1.0, max(0.0, (160 - kbps - 0.01) / (160 - 8)))


@dataclass(frozen=True)
class Encoded:
    duration: float
    opus_bytes: int
    mp3_bytes: int


class _TempSound:
    """One output file, open for writing under a temporary name beside its final one."""

    def __init__(self, final: Path, sample_rate: int, **format_options: object) -> None:
        self.final = final
        handle, name = tempfile.mkstemp(dir=final.parent, prefix=temp_prefix(final), suffix=".part")
        os.close(handle)
        self.temp = Path(name)
        try:
            self.sound = soundfile.SoundFile(
                self.temp, "w", samplerate=sample_rate, channels=1, **format_options
            )
        except Exception:
            self.temp.unlink(missing_ok=True)
            raise

    def close(self) -> None:
        if not self.sound.closed:
            self.sound.close()

    def commit(self) -> int:
        self.close()
        with open(self.temp, "rb") as written:  # make the bytes durable before the rename
            os.fsync(written.fileno())
        os.chmod(self.temp, MEDIA_MODE)
        os.replace(self.temp, self.final)
        return self.final.stat().st_size

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            self.close()
        self.temp.unlink(missing_ok=True)


class SpeechWriter:
    """Streams PCM into ``<stem>.opus`` and ``<stem>.mp3`` at once, atomically.

    Use as a context manager: call `commit()` at the end; leaving the block without it (or
    with an exception) removes the temporary files and leaves the final names untouched.
    """

    def __init__(self, out_dir: Path, stem: str, settings: AudioSettings) -> None:
        self.settings = settings
        self.opus_path = out_dir / f"{stem}.opus"
        self.mp3_path = out_dir / f"{stem}.mp3"
        self._gain = float(10 ** (settings.gain_db / 20))
        self._resampler: soxr.ResampleStream | None = None
        self._source_rate = 0
        self._frames = 0
        self._files: list[_TempSound] = []
        self._files.append(_TempSound(
            self.opus_path, settings.sample_rate, format="OGG", subtype="OPUS",
            compression_level=opus_compression_level(settings.opus_kbps),
        ))
        try:
            self._files.append(_TempSound(
                self.mp3_path, settings.sample_rate, format="MP3", subtype="MPEG_LAYER_III",
                compression_level=mp3_compression_level(settings.mp3_kbps),
                bitrate_mode="CONSTANT",
            ))
        except Exception:
            self.discard()
            raise

    def __enter__(self) -> SpeechWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.discard()

    def _emit(self, samples: npt.NDArray[np.float32]) -> None:
        if not len(samples):
            return
        block = np.clip(samples * self._gain, -1.0, 1.0).astype(np.float32)
        for output in self._files:
            output.sound.write(block)
        self._frames += len(block)

    def _flush_resampler(self) -> None:
        if self._resampler is not None:
            self._emit(self._resampler.resample_chunk(np.zeros(0, dtype=np.float32), last=True))
            self._resampler = None

    def write(self, pcm: Pcm) -> None:
        if pcm.sample_rate == self.settings.sample_rate:
            self._flush_resampler()
            self._source_rate = pcm.sample_rate
            self._emit(pcm.samples.astype(np.float32))
            return
        if self._resampler is None or pcm.sample_rate != self._source_rate:
            self._flush_resampler()
            self._resampler = soxr.ResampleStream(pcm.sample_rate, self.settings.sample_rate, 1)
            self._source_rate = pcm.sample_rate
        self._emit(self._resampler.resample_chunk(pcm.samples.astype(np.float32)))

    def pause(self, seconds: float) -> None:
        """Silence, fed through the resampler when one is running so nothing is cut off."""
        rate = self._source_rate or self.settings.sample_rate
        self.write(Pcm(np.zeros(round(seconds * rate), dtype=np.float32), rate))

    def commit(self) -> Encoded:
        self._flush_resampler()
        if not self._frames:
            raise ValueError("no audio was written")
        opus_bytes, mp3_bytes = (output.commit() for output in self._files)
        self._files = []
        return Encoded(self._frames / self.settings.sample_rate, opus_bytes, mp3_bytes)

    def discard(self) -> None:
        for output in self._files:
            output.discard()
        self._files = []
