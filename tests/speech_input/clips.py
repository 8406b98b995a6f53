"""Recordings made for the tests: encoded here with PyAV, so none but the natural clips ship."""

from __future__ import annotations

import io
from pathlib import Path

import av
import numpy as np

DATA = Path(__file__).parent / "data"
NATURAL_TEXT = "Bạn cầm khúc cây, và ném vào bãi cỏ xanh tươi rậm rạp ở đằng xa."


def mp3_of_seconds(seconds: int) -> bytes:
    """An MP3 of ``seconds`` of quiet tone, built from one encoded second repeated (MP3 frames
    stand alone), so that a three-hour file costs milliseconds and about 1 KB a second."""
    buffer = io.BytesIO()
    out = av.open(buffer, "w", format="mp3")
    stream = out.add_stream("libmp3lame", rate=8000)
    stream.layout, stream.bit_rate = "mono", 8000
    tone = (np.sin(np.arange(8000 * 2) / 8) * 2000).astype(np.int16).reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(tone, format="s16", layout="mono")
    frame.sample_rate = 8000
    for packet in [*stream.encode(frame), *stream.encode(None)]:
        out.mux(packet)
    out.close()
    buffer.seek(0)
    with av.open(buffer, "r", format="mp3") as encoded:
        frames = [bytes(p) for p in encoded.demux(audio=0) if p.size][2:-2]  # whole frames, not the edges
    per_frame = 576 / 8000  # MPEG-2 layer III: 576 samples a frame
    wanted = round(seconds / per_frame)
    return b"".join(frames[i % len(frames)] for i in range(wanted))


def natural_samples() -> tuple[np.ndarray, int]:
    """The natural clip as mono int16 and its sample rate."""
    with av.open(str(DATA / "natural.wav")) as wav:
        frames = [frame.to_ndarray().reshape(-1) for frame in wav.decode(audio=0)]
        rate = wav.streams.audio[0].rate
    return np.concatenate(frames).astype(np.int16), rate


def as_browser_records(samples: np.ndarray, rate: int, kind: str = "webm", repeat: int = 1) -> bytes:
    """`samples` (played `repeat` times) as a browser's MediaRecorder writes them: "webm" is Opus
    in a WebM written as a live stream, so without a duration or cues (Chrome, Firefox); "mp4"
    is AAC in a fragmented MP4 whose header says nothing of the length (Safari, iOS)."""
    buffer = io.BytesIO()
    if kind == "webm":
        out = av.open(buffer, "w", format="webm", options={"live": "1"})
        stream = out.add_stream("libopus", rate=48000)
    else:
        out = av.open(buffer, "w", format="mp4", options={"movflags": "frag_keyframe+empty_moov+default_base_moof"})
        stream = out.add_stream("aac", rate=44100)
    stream.layout = "mono"
    resampler = av.AudioResampler(format="s16" if kind == "webm" else "fltp", layout="mono", rate=stream.rate)
    step = rate // 10
    pts = 0
    for _ in range(repeat):
        for start in range(0, samples.size, step):
            frame = av.AudioFrame.from_ndarray(samples[start:start + step].reshape(1, -1), format="s16", layout="mono")
            frame.sample_rate = rate
            for piece in resampler.resample(frame):
                piece.pts, pts = pts, pts + piece.samples
                for packet in stream.encode(piece):
                    out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)
    out.close()
    return buffer.getvalue()
