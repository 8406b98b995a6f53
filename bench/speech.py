"""Speech pipeline figures: compute seconds per second of audio, and bytes per minute.

    .venv/bin/python bench/speech.py [--repeat N] [--natural DIR]

Renders a few paragraphs of bulletin-style Vietnamese with the offline voice (espeak-ng)
into a temporary folder and prints one table. Then the round trip: each paragraph spoken by
every voice that answers here (espeak-ng; Google's gTTS when it can be reached), written down
again by the recogniser (viet-asr), and the word error rate against the words the voice was given,
with diacritics kept and folded, next to the same recogniser on natural speech (the test clip,
or every ``*.wav`` with a ``*.txt`` transcript in ``--natural DIR``). Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile
import soxr

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.audio import AudioSettings, normalize_vi, render_speech, split_sentences  # noqa: E402
from portal.audio.encode import mp3_compression_level, opus_compression_level  # noqa: E402
from portal.audio.engines.espeak import EspeakEngine, library_version  # noqa: E402

PARAGRAPHS = [
    "THÔNG BÁO\n"
    "Thực hiện kế hoạch của Ban Thường trực UBMTTQ xã, ngày 15/3/2025, tại nhà văn hóa thôn Đông, "
    "MTTQ xã phối hợp với UBND xã tổ chức hội nghị lấy ý kiến nhân dân về dự thảo quy hoạch khu "
    "dân cư mới. Hội nghị bắt đầu lúc 7h30 và kết thúc trước 11h00. Đề nghị mỗi hộ cử một đại "
    "diện tham dự đầy đủ, đúng giờ.",
    "Năm 2024, toàn xã có 1.245 hộ tham gia BHYT, đạt tỷ lệ 96,5%, tăng 2,3% so với năm 2023. "
    "Quỹ Vì người nghèo đã vận động được 385.500.000 đồng, hỗ trợ xây mới 12 căn nhà Đại đoàn "
    "kết, mỗi căn 60.000.000 đồng. Các hộ gia đình chính sách còn được tặng quà trị giá "
    "1.500.000đ nhân dịp Tết Nguyên đán.",
    "Từ ngày 01/7/2025, người dân có thể làm thủ tục cấp CCCD và kích hoạt tài khoản VNeID mức "
    "2 ngay tại trụ sở công an xã, từ thứ 2 đến thứ 6 hằng tuần. Tổ công nghệ số cộng đồng sẽ "
    "hướng dẫn bà con sử dụng dịch vụ công trực tuyến. Mọi thắc mắc xin liên hệ số điện thoại "
    "0912 345 678 hoặc đường dây nóng 1900 1234.",
    "Trong quý III, Ban Công tác Mặt trận các khu dân cư đã tiếp nhận 27 ý kiến, kiến nghị của "
    "cử tri gửi tới kỳ họp thứ 8 của HĐND xã khóa XXI. Đến nay, 25 ý kiến đã được trả lời, "
    "2 ý kiến đang được các cơ quan chức năng xem xét, giải quyết theo quy định.",
]


def _encode_alone(samples: np.ndarray, rate: int, folder: Path, settings: AudioSettings) -> dict[str, float]:
    """Seconds spent encoding the whole recording into each format on its own."""
    audio = soxr.resample(samples, rate, settings.sample_rate)
    options = {
        "opus": {"format": "OGG", "subtype": "OPUS",
                 "compression_level": opus_compression_level(settings.opus_kbps)},
        "mp3": {"format": "MP3", "compression_level": mp3_compression_level(settings.mp3_kbps),
                "bitrate_mode": "CONSTANT"},
    }
    spent: dict[str, float] = {}
    for name, fmt in options.items():
        started = time.perf_counter()
        soundfile.write(folder / f"alone.{name}", audio, settings.sample_rate, **fmt)
        spent[name] = time.perf_counter() - started
    return spent


def _pcm16k(samples: np.ndarray, rate: int) -> np.ndarray:
    audio = soxr.resample(samples.astype(np.float32), rate, 16_000)
    return (np.clip(audio, -1, 1) * 32767).astype(np.int16)


def _wer_row(name: str, pairs: list[tuple[str, str]]) -> None:
    from portal.speech_input.wer import wer, words

    total = sum(len(words(ref)) for ref, _ in pairs)
    kept = sum(wer(ref, hyp) * len(words(ref)) for ref, hyp in pairs) / total
    folded = sum(wer(ref, hyp, fold=True) * len(words(ref)) for ref, hyp in pairs) / total
    print(f"{name:<46} {len(pairs):>6} {total:>6} {kept:>9.1%} {folded:>9.1%}")


def round_trip(natural: Path | None) -> None:
    """Our text → our voice → the recogniser → words, next to natural speech."""
    from portal.audio.engines import EngineError, create
    from portal.speech_input.recognizers import VietAsrRecognizer
    from portal.speech_input.recognizers import create as recogniser

    if not VietAsrRecognizer.installed():
        print("\nround trip: viet-asr is not installed here (Linux x86-64, CPython 3.11 only)")
        return
    asr = recogniser("viet-asr")
    print(f"\n{'round trip through viet-asr':<46} {'clips':>6} {'words':>6} {'WER':>9} {'WER fold':>9}")
    # The offline voice as the portal speaks it, the same without the pause between words it
    # has had since this bench showed that pause helps, and Google's voice when it answers.
    voices = (("espeak", "espeak", {}), ("espeak, word gap 0", "espeak", {"word_gap": 0}),
              ("gtts", "gtts", {"timeout": 5}))
    for label, engine_name, options in voices:
        engine = create(engine_name, **options)
        pairs, started = [], time.perf_counter()
        try:
            for paragraph in PARAGRAPHS:
                spoken = normalize_vi(paragraph)
                pieces = [engine.synthesize(chunk.text) for chunk in split_sentences(spoken)]
                audio = np.concatenate([piece.samples for piece in pieces])
                pairs.append((spoken, asr.transcribe(_pcm16k(audio, pieces[0].sample_rate))))
        except EngineError as exc:
            print(f"{label + ': cannot run here':<46} ({type(exc).__name__}: {exc})"[:120])
            continue
        _wer_row(f"{label} voice ({time.perf_counter() - started:.1f} s)", pairs)
    folder = natural or Path(__file__).resolve().parent.parent / "tests" / "speech_input" / "data"
    clips = sorted(folder.glob("*.wav"))
    pairs = []
    for clip in clips:
        transcript = clip.with_suffix(".txt")
        if not transcript.exists() and clip.name == "natural.wav":
            from tests.speech_input.clips import NATURAL_TEXT

            reference = NATURAL_TEXT
        elif transcript.exists():
            reference = transcript.read_text(encoding="utf-8")
        else:
            continue
        samples, rate = soundfile.read(clip, dtype="float32", always_2d=True)
        pairs.append((normalize_vi(reference), asr.transcribe(_pcm16k(samples.mean(axis=1), rate))))
    if pairs:
        _wer_row("natural speech", pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the best of")
    parser.add_argument("--natural", type=Path, help="a folder of natural clips: *.wav with *.txt transcripts")
    parser.add_argument("--wer-only", action="store_true", help="only the round trip")
    args = parser.parse_args()
    if args.wer_only:
        round_trip(args.natural)
        return
    text = "\n\n".join(PARAGRAPHS)
    settings = AudioSettings()
    engine = EspeakEngine()

    started = time.perf_counter()
    spoken = normalize_vi(text)
    normalise_s = time.perf_counter() - started
    chunks = split_sentences(spoken)
    engine.synthesize("Khởi động.")  # load the library outside the timings

    synth_s = float("inf")
    samples = np.zeros(0, dtype=np.float32)
    for _ in range(args.repeat):
        started = time.perf_counter()
        pieces = [engine.synthesize(chunk.text) for chunk in chunks]
        synth_s = min(synth_s, time.perf_counter() - started)
        samples = np.concatenate([piece.samples for piece in pieces])
    rate = pieces[0].sample_rate

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        render_s = float("inf")
        for run in range(args.repeat):
            started = time.perf_counter()
            result = render_speech(text, folder / str(run), engine=engine, settings=settings)
            render_s = min(render_s, time.perf_counter() - started)
        started = time.perf_counter()
        cached = render_speech(text, folder / "0", engine=engine, settings=settings)
        cached_s = time.perf_counter() - started
        assert cached.cached
        encode_s = _encode_alone(samples, rate, folder, settings)

    audio_s = result.duration
    minutes = audio_s / 60
    print(f"espeak-ng {library_version()} · voice {result.voice} · {len(chunks)} sentences, "
          f"{len(spoken.split())} spoken words, {audio_s:.1f} s of audio "
          f"({len(text)} characters written)\n")
    rows = [
        ("normalise text", normalise_s, "", ""),
        ("synthesise (espeak-ng, 22.05 kHz PCM)", synth_s, "", ""),
        (f"encode Ogg Opus {settings.opus_kbps} kbps alone", encode_s["opus"],
         f"{result.opus_bytes / minutes / 1024:,.0f}", f"{result.opus_bytes * 8 / audio_s / 1000:.1f}"),
        (f"encode MP3 {settings.mp3_kbps} kbps CBR alone", encode_s["mp3"],
         f"{result.mp3_bytes / minutes / 1024:,.0f}", f"{result.mp3_bytes * 8 / audio_s / 1000:.1f}"),
        ("render_speech: all of it, both files", render_s, "", ""),
        ("render_speech again (cache hit)", cached_s, "", ""),
    ]
    print(f"{'step':<42} {'seconds':>8} {'s per audio s':>14} {'KiB per min':>12} {'kbps':>6}")
    for name, seconds, per_minute, kbps in rows:
        print(f"{name:<42} {seconds:>8.3f} {seconds / audio_s:>14.4f} {per_minute:>12} {kbps:>6}")
    round_trip(args.natural)


if __name__ == "__main__":
    main()
