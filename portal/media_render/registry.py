"""What a feature renders: declared once, at import time of its jobs module."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Epub:
    """An e-book: `made_of` names it (its zip carries the time it was written, so its bytes
    would give a new name at every attempt); `build` writes it."""

    made_of: str
    build: Callable[[], bytes]


@dataclass
class Plan:
    """What to render now: texts to speak, by slot ("summary", "page:3"), and an e-book."""

    speeches: list[tuple[str, str]]
    epub: Epub | None = None
    extra: Any = None  # whatever the feature's `store` needs again (the pages of a document)


@dataclass
class Outputs:
    speeches: dict[str, Any] = field(default_factory=dict)  # slot -> portal.audio SpeechResult
    epub: str | None = None  # media key


@dataclass(frozen=True)
class Renderer:
    """A feature's media. `fingerprint` changes whenever what would be rendered does; `active`
    says whether the item should have media at all (published); `plan` is None while it cannot
    be rendered yet; `store` writes the outputs into the feature's rows (no commit)."""

    kind: str
    model: type
    fingerprint: Callable[[Session, Any], str]
    active: Callable[[Any], bool]
    plan: Callable[[Session, Any], Plan | None]
    store: Callable[[Session, Any, Plan, Outputs], None]
    keep_epub: Callable[[Any, str], None] | None = None  # the e-book is public before the audio
    state: str = "media_state"
    error: str = "media_error"
    hash: str = "media_text_hash"


_renderers: dict[str, Renderer] = {}


def declare(renderer: Renderer) -> Renderer:
    _renderers[renderer.kind] = renderer
    return renderer


def get(kind: str) -> Renderer:
    return _renderers[kind]


def known(kind: str) -> Renderer | None:
    return _renderers.get(kind)


def put_speech(target: Any, speech: Any) -> None:
    """The five audio columns (`models.AudioColumns`, or a page's) from one rendered speech."""
    target.audio_opus = f"public/audio/{speech.opus_path.name}"
    target.audio_mp3 = f"public/audio/{speech.mp3_path.name}"
    target.audio_seconds = round(speech.duration, 1)
    target.audio_opus_bytes, target.audio_mp3_bytes = speech.opus_bytes, speech.mp3_bytes
