"""The question helper ("Hỏi đáp"): answers in the portal's own words, never invented ones.

The default answerer is extractive and offline: it finds the documents that share the
question's meaningful words, cuts them into passages (a paragraph, or a few sentences), and
quotes the two or three passages that cover the question best, each with its source. An
operator can plug in another answerer (e.g. one that asks a local language model to choose
among the same passages) with QUESTION_ANSWERER="package.module:Class".
"""

from __future__ import annotations

import importlib
import math
import re
from dataclasses import dataclass, field
from typing import Protocol

from flask import current_app
from markupsafe import Markup

from portal.core.text import fold

from . import query as q
from .analysis import WORD_PATTERN
from .backend import SearchBackend, current
from .searching import find
from .snippets import matcher, snippet


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a sentence a question but say nothing about its subject. As typed with
# diacritics; and, for words typed without them, only those whose folded form is not also a
# meaningful word ("anh" could be "ánh" in "phản ánh", "the" could be "thẻ").
QUESTION_WORDS = _words("""
    à ạ ai anh bạn bà ông bị bao cách cần cho chị có của đã đâu để được em gì giúp hãy hỏi khi không
    là làm mình muốn nào này nếu nên như nhờ ở ơi phải ra rồi sao sẽ thế thì tôi và vậy với xin""")
BARE_QUESTION_WORDS = _words("""
    lam sao nao gi khong thi de duoc toi minh oi vay nhu neu nen hay hoi xin giup bi cua cho muon
    can phai roi voi va""")
PASSAGE_CHARS = 420
_WORD = re.compile(WORD_PATTERN)
_SENTENCE = re.compile(r"(?<=[.!?…:;])\s+")


@dataclass
class Quote:
    text: Markup
    title: str
    url: str
    kind: str


@dataclass
class Answer:
    question: str
    quotes: list[Quote] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.quotes)


class Answerer(Protocol):
    def answer(self, question: str) -> Answer: ...


def passages(text: str) -> list[str]:
    """Paragraphs, with long ones cut between sentences into pieces of a few sentences."""
    out: list[str] = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n|\n", text)):
        if len(paragraph) <= PASSAGE_CHARS:
            if paragraph:
                out.append(paragraph)
            continue
        piece = ""
        for sentence in _SENTENCE.split(paragraph):
            if piece and len(piece) + len(sentence) > PASSAGE_CHARS:
                out.append(piece)
                piece = ""
            piece = f"{piece} {sentence}".strip()
        if piece:
            out.append(piece)
    return out


def _words_of(text: str) -> list[str]:
    """Folded words without punctuation: "“Gửi phản ánh”." → ["gui", "phan", "anh"]."""
    return _WORD.findall(fold(text))


class PassageAnswerer:
    """Offline, extractive: every sentence shown comes from the portal's content."""

    def __init__(self, backend: SearchBackend | str, candidates: int = 8, quotes: int = 3, coverage: float = 0.5):
        """`backend`: the search backend (or a Whoosh index directory)."""
        self.backend, self.candidates, self.quotes, self.coverage = backend, candidates, quotes, coverage

    def _weights(self, words: list[str]) -> dict[str, float]:
        from .backend import resolve

        n, frequencies = resolve(self.backend).doc_frequencies(words)
        return {w: math.log(1 + max(n, 1) / (1 + frequencies[w])) for w in words}

    def answer(self, question: str) -> Answer:
        parsed = q.parse(question)
        content = list(dict.fromkeys(
            fold(w) for w in parsed.words
            if w not in (BARE_QUESTION_WORDS if w == fold(w) else QUESTION_WORDS)))
        if not content:
            return Answer(question)
        results = find(self.backend, " ".join(content), per_page=self.candidates, with_text=True,
                       any_word=True, counts=False)
        weights = self._weights(content)
        total = sum(weights.values())
        scored = []
        for rank, hit in enumerate(results.hits):
            title_words = set(_words_of(hit.title))
            best = None
            for passage in passages("\n".join(filter(None, [hit.summary, hit.text]))):
                words = _words_of(passage)
                present, joined = set(words) & set(content), f" {' '.join(words)} "
                pairs = sum(weights[a] for a, b in zip(content, content[1:], strict=False) if f" {a} {b} " in joined)
                cover = (sum(weights[w] for w in present)
                         + 0.5 * sum(weights[w] for w in set(content) & title_words - present)) / total
                score = cover + 0.3 * pairs / total - 0.02 * rank
                if cover >= self.coverage and (best is None or score > best[0]):
                    best = (score, passage)
            if best:
                scored.append((best[0], best[1], hit))
        # The same passage found in a lesson and in one of its steps: quote the more precise
        # source (the step's address is the longer one), with the better of the two scores.
        unique: dict[str, tuple] = {}
        for score, passage, hit in scored:
            key = fold(passage)
            if key in unique:
                best_score, _passage, best_hit = unique[key]
                unique[key] = (max(score, best_score), passage, hit if len(hit.url) > len(best_hit.url) else best_hit)
            else:
                unique[key] = (score, passage, hit)
        scored = sorted(unique.values(), key=lambda item: item[0], reverse=True)
        marks = matcher(content)
        quotes = [Quote(text=snippet(p, marks, width=80), title=h.title, url=h.url, kind=h.kind)
                  for s, p, h in scored[: self.quotes] if s >= scored[0][0] * 0.6]
        return Answer(question, quotes)


def answerer() -> Answerer:
    """The configured answerer (QUESTION_ANSWERER), the offline passage answerer by default."""
    backend = current()
    spec = current_app.config.get("QUESTION_ANSWERER") or ""
    if not spec:
        return PassageAnswerer(backend)
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)(backend)
