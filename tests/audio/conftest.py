"""Fixtures for the speech pipeline tests; they need nothing from the app or its database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.audio.helpers import CountingEngine


@pytest.fixture
def counting_engine() -> CountingEngine:
    return CountingEngine()


@pytest.fixture
def speech_dir(tmp_path: Path) -> Path:
    return tmp_path / "speech"
