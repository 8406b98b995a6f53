"""Recordings judged by their content, not their name, and decoded for the recogniser.

A phone sends whatever it records: AMR (KaiOS, old Android), M4A/AAC (iPhone, Android), Opus
in Ogg or WebM (Android, browsers' MediaRecorder), MP3, WAV. The first bytes must be one of
those containers *and* FFmpeg (through PyAV, whose wheel carries it: nothing to install besides
pip) must find an audio stream in it and decode it; its length is the decoded sound's, not what
the header says (a browser's WebM says nothing). The file name and the type the browser claims
are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .recognizers import SAMPLE_RATE

if TYPE_CHECKING:  # numpy (~12 MiB) is imported by decode() only: a web worker never decodes
    import numpy as np
    import numpy.typing as npt

MAX_SECONDS = 180  # "up to 3 minutes"
PROBE_SECONDS = 1.0  # a file that fails to decode before its first second is unreadable

# Container → (file extension, MIME type served to staff).
KINDS = {
    "wav": ("wav", "audio/wav"),
    "ogg": ("ogg", "audio/ogg"),
    "webm": ("webm", "audio/webm"),
    "amr": ("amr", "audio/amr"),
    "mp3": ("mp3", "audio/mpeg"),
    "mp4": ("m4a", "audio/mp4"),
}


class AudioError(ValueError):
    """Not a recording we can use; ``reason`` is "unreadable", "too_long", "too_large" or "empty"."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        super().__init__(f"{reason}: {detail}" if detail else reason)


def copy_upload(stream, out, max_bytes: int) -> int:
    """Copy an uploaded recording to the open file `out`, in pieces; raises AudioError("too_large")
    as soon as it passes `max_bytes` (a 3-hour file is never read whole). Returns the size."""
    copied = 0
    while chunk := stream.read(256 * 1024):
        copied += len(chunk)
        if copied > max_bytes:
            raise AudioError("too_large")
        out.write(chunk)
    return copied


@dataclass(frozen=True)
class Recording:
    kind: str  # a key of KINDS
    seconds: float

    @property
    def extension(self) -> str:
        return KINDS[self.kind][0]

    @property
    def mimetype(self) -> str:
        return KINDS[self.kind][1]


def sniff(head: bytes) -> str | None:
    """The container named by the first bytes, or None."""
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return "wav"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if head[:5] == b"#!AMR":
        return "amr"
    if head[4:8] == b"ftyp":
        return "mp4"
    if head[:3] == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "mp3"
    return None


def _open(path: Path):
    import av

    try:
        container = av.open(str(path), mode="r")
    except (av.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise AudioError("unreadable", type(exc).__name__) from None
    if not container.streams.audio:
        container.close()
        raise AudioError("unreadable", "no audio stream")
    return container


def _decoded(container, max_seconds: float):
    """16 kHz mono int16 blocks, raising `AudioError("too_long")` past ``max_seconds``."""
    import av

    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    limit = int(max_seconds * SAMPLE_RATE)
    total = 0
    try:
        for frame in container.decode(audio=0):
            for out in resampler.resample(frame):
                block = out.to_ndarray().reshape(-1)
                total += block.size
                if total > limit:
                    raise AudioError("too_long", f"more than {max_seconds:g} s")
                yield block
        for out in resampler.resample(None):
            yield out.to_ndarray().reshape(-1)
    except av.FFmpegError as exc:
        raise AudioError("unreadable", type(exc).__name__) from None


def _header_seconds(container) -> float:
    """The length the container states, 0 when it states none (a browser's MediaRecorder WebM)."""
    stream = container.streams.audio[0]
    if container.duration:
        return container.duration / 1_000_000
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return 0.0


def _decoded_seconds(container, max_seconds: float) -> float:
    """The length of the sound itself: every frame decoded (no resampling) and counted, raising
    `AudioError("too_long")` as soon as it passes ``max_seconds``. Chrome's and Firefox's
    MediaRecorder write WebM without a duration, and any header can be wrong: the limit holds on
    what is there. Measured: 0.2 s for three minutes of Opus in WebM, 0.02-0.09 s for MP3, AAC, AMR."""
    import av

    seconds = 0.0
    try:
        for frame in container.decode(audio=0):
            if frame.sample_rate:
                seconds += frame.samples / frame.sample_rate
            if seconds > max_seconds:
                raise AudioError("too_long", f"more than {max_seconds:g} s")
    except av.FFmpegError as exc:
        if seconds < PROBE_SECONDS:
            raise AudioError("unreadable", type(exc).__name__) from None
        # a recording cut short at its end (the phone stopped mid-frame): what decoded counts
    return seconds


def probe(path: Path, max_seconds: float = MAX_SECONDS) -> Recording:
    """Check an uploaded file: a known container, an audio stream, sound that decodes, and a
    decoded length within ``max_seconds`` (a stated length beyond it refuses the file at once)."""
    with open(path, "rb") as handle:
        kind = sniff(handle.read(16))
    if kind is None:
        raise AudioError("unreadable", "unknown container")
    container = _open(path)
    try:
        stated = _header_seconds(container)
        if stated > max_seconds:
            raise AudioError("too_long", f"{stated:.0f} s")
        seconds = _decoded_seconds(container, max_seconds)
    finally:
        container.close()
    if seconds <= 0:
        raise AudioError("empty")
    return Recording(kind=kind, seconds=round(seconds, 1))


def decode(path: Path, max_seconds: float = MAX_SECONDS) -> npt.NDArray[np.int16]:
    """The whole recording as 16 kHz mono int16; `AudioError` when it cannot be used."""
    container = _open(path)
    try:
        blocks = list(_decoded(container, max_seconds))
    finally:
        container.close()
    if not blocks:
        raise AudioError("empty")
    import numpy as np

    return np.concatenate(blocks).astype(np.int16, copy=False)
