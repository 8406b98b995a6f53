"""Splitting normalised text into sentence-sized pieces for synthesis.

Short pieces keep each engine call small (gTTS refuses long requests, espeak keeps its
intonation per sentence) and let the pipeline put a clear pause between sentences and a
longer one between paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_MAX_CHARS = 300

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_END = re.compile(r"(?<=[,;:])\s+")


@dataclass(frozen=True)
class Chunk:
    text: str
    ends_paragraph: bool = False


def _pack(parts: list[str], max_chars: int) -> list[str]:
    """Join consecutive parts while they fit in ``max_chars``."""
    packed: list[str] = []
    for part in parts:
        if packed and len(packed[-1]) + 1 + len(part) <= max_chars:
            packed[-1] = f"{packed[-1]} {part}"
        else:
            packed.append(part)
    return packed


def _split_long(sentence: str, max_chars: int) -> list[str]:
    """Cut an over-long sentence at clause ends, then, if need be, between words."""
    if len(sentence) <= max_chars:
        return [sentence]
    pieces: list[str] = []
    for clause in _pack(_CLAUSE_END.split(sentence), max_chars):
        if len(clause) <= max_chars:
            pieces.append(clause)
        else:
            pieces.extend(_pack(clause.split(), max_chars))
    return pieces


def split_sentences(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[Chunk]:
    """Sentences of ``text`` (each line is at least one), none longer than ``max_chars``.

    A line break ends a sentence (headings have no full stop); a blank line, or the end of
    the text, ends a paragraph.
    """
    if max_chars < 20:
        raise ValueError("max_chars is too small for a sentence")
    chunks: list[Chunk] = []
    for paragraph in re.split(r"\n\s*\n", text):
        pieces: list[str] = []
        for line in paragraph.splitlines():
            for sentence in _SENTENCE_END.split(line.strip()):
                if sentence.strip(" .,;:!?"):
                    pieces.extend(_split_long(sentence.strip(), max_chars))
        chunks.extend(Chunk(piece) for piece in pieces[:-1])
        if pieces:
            chunks.append(Chunk(pieces[-1], ends_paragraph=True))
    return chunks
