"""Recognisers that misbehave, named by import path in the tests (the child imports them)."""

from __future__ import annotations

import os
import time


class Crashing:
    name = "crashing"

    def transcribe(self, samples) -> str:
        os.abort()  # what a segmentation fault in native code looks like from outside


class Hanging:
    name = "hanging"

    def transcribe(self, samples) -> str:
        time.sleep(3600)
        return ""


class Echo:
    """Answers at once with a fixed sentence, or $ECHO_TEXT (the child inherits the environment)."""

    name = "echo"
    TEXT = "đèn đường ở ngõ năm hỏng đã một tháng xin sửa giúp"

    def transcribe(self, samples) -> str:
        return os.environ.get("ECHO_TEXT") or self.TEXT
