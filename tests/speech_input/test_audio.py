"""Uploads judged by content, not name: the containers phones record, and what is refused."""

from __future__ import annotations

import shutil

import pytest

from portal.speech_input.audio import AudioError, probe, sniff

from .clips import DATA, as_browser_records, mp3_of_seconds, natural_samples


@pytest.mark.parametrize(("name", "kind"), [("natural.wav", "wav"), ("natural.opus", "ogg"), ("natural.amr", "amr"),
                                            ("natural.m4a", "mp4"), ("natural.mp3", "mp3")])
def test_each_phone_format_is_known_by_its_content_whatever_its_name(tmp_path, name, kind):
    disguised = tmp_path / "ghi-am.txt"
    shutil.copy(DATA / name, disguised)
    recording = probe(disguised)
    assert recording.kind == kind
    assert 4 < recording.seconds < 5.5


@pytest.mark.parametrize("data", [
    b"hello, this is text named .mp3" * 20,
    b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 500,  # an MP3 tag with nothing behind it
    b"RIFF\x10\x00\x00\x00WAVEfmt " + b"\xff" * 300,  # a broken WAV header
    b"\x89PNG\r\n\x1a\n" + b"\x00" * 300,
    b"",
])
def test_unreadable_files_are_refused(tmp_path, data):
    path = tmp_path / "ghi-am.mp3"
    path.write_bytes(data)
    with pytest.raises(AudioError) as caught:
        probe(path)
    assert caught.value.reason in ("unreadable", "empty")


def test_a_three_hour_file_is_refused_by_its_length_at_once(tmp_path):
    path = tmp_path / "ba-gio.mp3"
    path.write_bytes(mp3_of_seconds(3 * 3600))
    with pytest.raises(AudioError) as caught:
        probe(path)
    assert caught.value.reason == "too_long"


def test_three_minutes_fit(tmp_path):
    path = tmp_path / "ba-phut.mp3"
    path.write_bytes(mp3_of_seconds(170))
    assert probe(path).seconds == pytest.approx(170, abs=1)


@pytest.mark.parametrize(("kind", "container"), [("webm", "webm"), ("mp4", "mp4")])
def test_a_browser_recording_without_a_stated_length_gets_its_decoded_length(tmp_path, kind, container):
    """Chrome's MediaRecorder WebM states no duration (the old probe said about 1 s); Safari's
    fragmented MP4 (AAC) is judged by its content and decoded the same way."""
    import av

    samples, rate = natural_samples()
    path = tmp_path / "ghi-am.bin"
    path.write_bytes(as_browser_records(samples, rate, kind))
    if kind == "webm":
        with av.open(str(path)) as made:
            assert not made.duration and not made.streams.audio[0].duration  # nothing stated, as Chrome's
    recording = probe(path)
    assert recording.kind == container
    assert recording.seconds == pytest.approx(samples.size / rate, abs=0.15)


def test_the_three_minute_limit_holds_on_the_decoded_length_not_the_header(tmp_path):
    samples, rate = natural_samples()
    path = tmp_path / "dai.webm"
    path.write_bytes(as_browser_records(samples, rate, "webm", repeat=41))  # 185 s, with no length stated
    with pytest.raises(AudioError) as caught:
        probe(path)
    assert caught.value.reason == "too_long"
    assert probe(path, max_seconds=200).seconds == pytest.approx(41 * samples.size / rate, abs=0.5)


def test_sniff_ignores_what_is_not_a_recording():
    assert sniff(b"<html>") is None
    assert sniff(b"\x00\x00\x00\x18ftypM4A ") == "mp4"
