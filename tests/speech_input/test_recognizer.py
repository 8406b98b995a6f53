"""The recogniser interface, and a natural Vietnamese clip through the real recogniser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from portal.speech_input import recognizers
from portal.speech_input.audio import AudioError
from portal.speech_input.limited import RecognitionCrashed, RecognitionTimeout, transcribe_limited
from portal.speech_input.recognizers import RecognizerError, VietAsrRecognizer
from portal.speech_input.wer import wer

from .clips import DATA, NATURAL_TEXT, mp3_of_seconds

needs_viet_asr = pytest.mark.skipif(
    not VietAsrRecognizer.installed(),
    reason="viet-asr has a wheel only for CPython 3.11 on Linux x86-64; CI runs these there",
)


@needs_viet_asr
@pytest.mark.parametrize("name", ["natural.wav", "natural.opus", "natural.amr", "natural.m4a", "natural.mp3"])
def test_natural_clip_in_every_phone_format_is_written_down(name):
    text = transcribe_limited(DATA / name, "viet-asr", time_limit=60)
    assert wer(NATURAL_TEXT, text, fold=True) <= 0.25, text
    assert wer(NATURAL_TEXT, text) <= 0.35, text  # with diacritics: one or two tones off at most


@needs_viet_asr
@pytest.mark.skipif(shutil.which("unshare") is None or os.geteuid() != 0, reason="needs unshare as root")
def test_viet_asr_loads_and_recognises_without_any_network():
    code = ("from pathlib import Path; from portal.speech_input.audio import decode;"
            "from portal.speech_input.recognizers import create;"
            f"print(create('viet-asr').transcribe(decode(Path({str(DATA / 'natural.wav')!r}))))")
    done = subprocess.run(["unshare", "-n", sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert wer(NATURAL_TEXT, done.stdout, fold=True) <= 0.25


def test_none_and_unknown_recognisers_are_not_available():
    assert not recognizers.available("none")
    assert not recognizers.available("")
    assert not recognizers.available("no.such.module:Recognizer")
    assert recognizers.available("tests.speech_input.fakes:Echo")
    with pytest.raises(RecognizerError):
        recognizers.create("none")
    with pytest.raises(ValueError, match="unknown recogniser"):
        recognizers.create("whisper")


def test_a_recogniser_named_by_import_path_runs_in_the_child():
    assert transcribe_limited(DATA / "natural.opus", "tests.speech_input.fakes:Echo", time_limit=30).startswith("đèn")


def test_a_crashing_recogniser_is_reported_not_fatal():
    with pytest.raises(RecognitionCrashed):
        transcribe_limited(DATA / "natural.opus", "tests.speech_input.fakes:Crashing", time_limit=30)


def test_a_hanging_recogniser_is_stopped_at_the_time_limit():
    with pytest.raises(RecognitionTimeout):
        transcribe_limited(DATA / "natural.opus", "tests.speech_input.fakes:Hanging", time_limit=3)


def test_a_recording_past_three_minutes_is_refused_while_decoding(tmp_path):
    path = tmp_path / "long.mp3"
    path.write_bytes(mp3_of_seconds(3 * 3600))
    with pytest.raises(AudioError) as caught:
        transcribe_limited(path, "tests.speech_input.fakes:Echo", time_limit=30)
    assert caught.value.reason == "too_long"
