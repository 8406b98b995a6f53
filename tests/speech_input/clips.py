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
