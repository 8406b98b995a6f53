"""Real Vietnamese speech rendered to Opus and MP3, cached by hash, written atomically."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
import soundfile

from portal.audio import (
    AudioSettings,
    EngineError,
    Pcm,
    normalize_vi,
    render_speech,
    speech_key,
    split_sentences,
)
from portal.audio.engines.espeak import EspeakEngine, library_version
from tests.audio.helpers import CountingEngine

BULLETIN = (
    "Ngày 15/3/2025, UBND xã phối hợp với MTTQ tổ chức hội nghị lấy ý kiến nhân dân. "
    "Mỗi hộ nghèo được hỗ trợ 1.500.000 đồng, tỷ lệ tham gia BHYT đạt 95%.\n\n"
    "Mọi ý kiến xin gọi 0912 345 678."
)


def _kbps(path: Path, seconds: float) -> float:
    return path.stat().st_size * 8 / seconds / 1000


def test_real_vietnamese_speech_in_both_formats(speech_dir: Path) -> None:
    result = render_speech(BULLETIN, speech_dir)
    assert not result.cached and not result.fell_back
    assert result.engine == "espeak" and result.voice.startswith("vi;")
    assert result.opus_path == speech_dir / f"{result.key}.opus"
    assert result.mp3_path == speech_dir / f"{result.key}.mp3"
    assert result.opus_path.read_bytes()[:4] == b"OggS" and b"OpusHead" in result.opus_path.read_bytes()[:100]
    assert result.opus_bytes == result.opus_path.stat().st_size
    assert result.mp3_bytes == result.mp3_path.stat().st_size

    words = len(normalize_vi(BULLETIN).split())
    assert 0.3 * words <= result.duration <= 1.5 * words

    for path, tolerance in ((result.opus_path, 0.05), (result.mp3_path, 0.2)):
        info = soundfile.info(path)
        assert info.channels == 1
        assert info.samplerate == 16000
        samples, _ = soundfile.read(path, dtype="float32")
        assert abs(len(samples) / info.samplerate - result.duration) <= tolerance
        assert float(np.sqrt(np.mean(samples**2))) > 0.01  # speech, not silence
        assert float(np.max(np.abs(samples))) <= 1.0

    assert 12 <= _kbps(result.opus_path, result.duration) <= 20  # Opus about 16 kbps
    assert 16 <= _kbps(result.mp3_path, result.duration) <= 32  # MP3 at most 32 kbps
    assert soundfile.info(result.mp3_path).format == "MP3"
    assert soundfile.info(result.opus_path).subtype == "OPUS"


def test_settings_change_bitrates(speech_dir: Path) -> None:
    text = "Mặt trận Tổ quốc Việt Nam là tổ chức liên minh chính trị, liên hiệp tự nguyện. " * 3
    lean = render_speech(text, speech_dir, settings=AudioSettings(opus_kbps=12, mp3_kbps=16))
    rich = render_speech(text, speech_dir, settings=AudioSettings(opus_kbps=24, mp3_kbps=32))
    assert lean.key != rich.key
    assert lean.opus_bytes < rich.opus_bytes and lean.mp3_bytes < rich.mp3_bytes
    assert _kbps(rich.mp3_path, rich.duration) <= 32.5
    with pytest.raises(ValueError):
        AudioSettings(mp3_kbps=30)
    with pytest.raises(ValueError):
        AudioSettings(sample_rate=44100)


def test_second_render_is_served_from_the_cache(speech_dir: Path, counting_engine: CountingEngine) -> None:
    first = render_speech(BULLETIN, speech_dir, engine=counting_engine)
    spoken = len(counting_engine.calls)
    assert spoken == len(split_sentences(normalize_vi(BULLETIN))) == 3 and not first.cached

    second = render_speech(BULLETIN, speech_dir, engine=counting_engine)
    assert len(counting_engine.calls) == spoken  # nothing synthesised again
    assert second.cached
    assert (second.key, second.paths, second.duration) == (first.key, first.paths, first.duration)
    assert (second.opus_bytes, second.mp3_bytes) == (first.opus_bytes, first.mp3_bytes)

    # The same words written differently normalise to the same text: still no synthesis.
    third = render_speech(
        BULLETIN.replace("1.500.000 đồng", "một triệu năm trăm nghìn đồng"), speech_dir, engine=counting_engine
    )
    assert third.cached and third.key == first.key and len(counting_engine.calls) == spoken


def test_key_depends_on_text_engine_voice_and_format() -> None:
    text = normalize_vi("Xin chào bà con.")
    base = speech_key(text, EspeakEngine(), AudioSettings())
    assert len(base) == 32 and base == speech_key(text, EspeakEngine(), AudioSettings())
    assert base != speech_key(text + " Cảm ơn.", EspeakEngine(), AudioSettings())
    assert base != speech_key(text, EspeakEngine(voice="vi-vn-x-south"), AudioSettings())
    assert base != speech_key(text, EspeakEngine(rate=150), AudioSettings())
    assert base != speech_key(text, EspeakEngine(), AudioSettings(opus_kbps=20))


def test_a_damaged_cache_entry_is_rendered_again(speech_dir: Path, counting_engine: CountingEngine) -> None:
    first = render_speech("Thông báo họp tổ dân phố.", speech_dir, engine=counting_engine)
    first.opus_path.write_bytes(first.opus_path.read_bytes()[:100])  # truncated by a disk fault
    again = render_speech("Thông báo họp tổ dân phố.", speech_dir, engine=counting_engine)
    assert not again.cached and len(counting_engine.calls) == 2
    assert again.opus_path.stat().st_size == again.opus_bytes > 1000
    assert soundfile.info(again.opus_path).duration == pytest.approx(first.duration, abs=0.05)


class FailingOnSecondSentence(CountingEngine):
    def synthesize(self, text: str) -> Pcm:
        if self.calls:
            raise EngineError("synthesis crashed")
        return super().synthesize(text)


def test_a_failed_render_leaves_no_file_behind(speech_dir: Path) -> None:
    with pytest.raises(EngineError):
        render_speech(BULLETIN, speech_dir, engine=FailingOnSecondSentence())
    assert list(speech_dir.iterdir()) == []


class WatchingEngine(CountingEngine):
    """Looks at the folder while the files are being written."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.seen: list[list[str]] = []

    def synthesize(self, text: str) -> Pcm:
        self.seen.append(sorted(path.name for path in self.folder.iterdir()))
        return super().synthesize(text)


def test_final_names_appear_only_when_complete(speech_dir: Path) -> None:
    engine = WatchingEngine(speech_dir)
    result = render_speech(BULLETIN, speech_dir, engine=engine)
    for listing in engine.seen:
        assert listing and all(name.startswith(".") and name.endswith(".part") for name in listing)
    assert sorted(path.name for path in speech_dir.iterdir()) == [
        f"{result.key}.json", f"{result.key}.mp3", f"{result.key}.opus",
    ]
    meta = json.loads((speech_dir / f"{result.key}.json").read_text())
    assert meta["opus_bytes"] == result.opus_bytes and meta["duration"] == result.duration
    assert oct(result.opus_path.stat().st_mode & 0o777) == oct(0o644)


def test_a_crash_between_the_two_renames_is_not_taken_for_a_cached_result(
    speech_dir: Path, counting_engine: CountingEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def replace_then_crash_on_mp3(src: str | Path, dst: str | Path) -> None:
        if str(dst).endswith(".mp3"):
            raise OSError("power cut")
        real_replace(src, dst)

    monkeypatch.setattr("portal.audio.encode.os.replace", replace_then_crash_on_mp3)
    with pytest.raises(OSError, match="power cut"):
        render_speech("Họp khu dân cư.", speech_dir, engine=counting_engine)
    assert not any(path.suffix in (".mp3", ".json", ".part") for path in speech_dir.iterdir())
    monkeypatch.undo()

    result = render_speech("Họp khu dân cư.", speech_dir, engine=counting_engine)
    assert not result.cached and result.mp3_path.exists() and len(counting_engine.calls) == 2


def test_leftovers_of_a_killed_render_are_swept(speech_dir: Path) -> None:
    speech_dir.mkdir(parents=True)
    old, fresh = speech_dir / ".abc.opus.x1.part", speech_dir / ".def.mp3.x2.part"
    old.write_bytes(b"OggS half")
    fresh.write_bytes(b"being written by another worker")
    os.utime(old, (1_600_000_000, 1_600_000_000))
    render_speech("Chào bà con.", speech_dir)
    assert not old.exists() and fresh.exists()


def test_threads_do_not_mix_up_espeak_state() -> None:
    """Two voices and texts spoken from four threads at once come out as when spoken alone.

    espeak-ng carries a little waveform state from one call to the next, so repeated calls
    differ by a few samples; mixed-up state would change lengths by far more than 1%.
    """
    engines = {"north": EspeakEngine(), "south": EspeakEngine(voice="vi-vn-x-south", rate=170)}
    texts = {"north": "Mặt trận Tổ quốc Việt Nam.", "south": "Hội nghị đại biểu nhân dân toàn quốc lần thứ mười."}
    alone = {name: len(engines[name].synthesize(texts[name]).samples) for name in engines}
    assert abs(alone["north"] - alone["south"]) > 0.1 * alone["north"]
    jobs = [name for _ in range(6) for name in engines]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda name: (name, engines[name].synthesize(texts[name])), jobs))
    for name, pcm in results:
        assert pcm.sample_rate == 22050
        assert abs(len(pcm.samples) - alone[name]) <= 0.01 * alone[name]
        assert np.isfinite(pcm.samples).all() and float(np.max(np.abs(pcm.samples))) <= 1.0


def test_concurrent_renders_of_the_same_text_all_succeed(speech_dir: Path) -> None:
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda _: render_speech("Chào mừng bà con.", speech_dir), range(3)))
    assert len({result.key for result in results}) == 1
    samples, rate = soundfile.read(results[0].opus_path)
    assert rate == 16000 and len(samples) > 0
    assert not [path for path in speech_dir.iterdir() if path.name.endswith(".part")]


def test_nothing_to_say_and_library_version(speech_dir: Path) -> None:
    with pytest.raises(ValueError):
        render_speech(" ... \n ", speech_dir)
    assert library_version().startswith("1.")
