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

from . import cache, forms, guide
from . import query as q
from .analysis import WORD_PATTERN
from .backend import SearchBackend, current
from .distance import within
from .question_units import BARE_QUESTION_WORDS, QUESTION_WORDS, Text, Unit, marker, read, units  # noqa: F401
from .reading import locate
from .searching import find
from .snippets import snippet

_units = units  # the name the tests use


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

    def __init__(self, backend: SearchBackend | str, candidates: int = 12, quotes: int = 3, coverage: float = 0.6):
        """`backend`: the search backend (or a Whoosh index directory)."""
        self.backend, self.candidates, self.quotes, self.coverage = backend, candidates, quotes, coverage

    def _weigh(self, units: list[Unit]) -> list[str]:
        """Rare words weigh more; a phrase weighs as its rarest word. A unit of the dictionary weighs
        as its commonest spelling, since a passage may hold any: "ông bà già", rare as typed, is found
        as "người cao tuổi", which half the content holds. Returns the words the index does not know."""
        from .backend import resolve

        single = sorted({w for u in units for way in u.ways for w in way})
        n, frequencies = resolve(self.backend).doc_frequencies(single)

        def weight(way: tuple[str, ...]) -> float:
            return max(math.log(1 + max(n, 1) / (1 + frequencies[w])) for w in way)

        for unit in units:
            unit.weight = min(weight(way) for way in unit.ways)
            if unit.ways[0][0].isdigit():
                unit.weight *= 0.3  # "82 tuổi": the number is rarely written as typed
            if unit.aside:
                unit.weight *= 0.5
        return [u.ways[0][0] for u in units if len(u.ways) == 1 and frequencies[u.ways[0][0]] == 0]

    def answer(self, question: str) -> Answer:
        """Kept by index generation and language (cache.py), like the search's results."""
        from .backend import resolve

        args = (question, self.candidates, self.quotes, self.coverage)
        return cache.cached(resolve(self.backend), "answer", args, lambda: self._answer(question),
                            _dump_answer, _load_answer)

    def _answer(self, question: str) -> Answer:
        page = guide.page_for(question)
        units, form = _units(question)
        quotes: list[Quote] = []
        if page is not None:
            quotes.append(Quote(text=Markup.escape(str(page.text)), title=str(page.title), url=page.url,
                                kind="page"))
        if not units:
            return Answer(question, quotes)
        unknown = self._weigh(units)
        query = " ".join(" ".join(u.search or u.typed) for u in units)
        results = find(self.backend, query, per_page=self.candidates, with_text=True, any_word=True, counts=False)
        total = sum(u.weight for u in units)
        scored = []
        asked = frozenset(w for u in units for w in u.ways[0])
        cut = [(Text(hit.title, asked), [(p, Text(p, asked)) for p in passages("\n".join(
            filter(None, [hit.summary if hit.kind != "answer" else "", hit.text])))]) for hit in results.hits]
        read(units, q.parse(question).folded, [t for title, texts in cut for t in (title, *(t for _p, t in texts))])
        for rank, (hit, (title, texts)) in enumerate(zip(results.hits, cut, strict=True)):
            resident = _resident_part(hit)
            best = None
            for passage, text in texts:
                if text.words == title.words:
                    continue  # a document's text that starts with its own title: not an answer
                if unknown:
                    for unit in units:
                        if unit.single and unit.ways[0][0] in unknown:
                            unit.near = frozenset(w for w in text.folded_set
                                                  if len(w) >= 4 and within(unit.ways[0][0], w, 1))
                held = [u for u in units if u.found(text)]
                titled = [u for u in units if u not in held and u.found(title)]
                partly = [u for u in units if u not in held and u not in titled and len(u.ways[0]) > 1]
                # A step's title is the heading of its few lines: it counts in full.
                title_credit = 1.0 if hit.kind == "step" else 0.5
                cover = (sum(u.weight for u in held) + title_credit * sum(u.weight for u in titled)
                         + 0.5 * sum(u.weight * u.part(text) for u in partly)) / total
                if cover < self.coverage or (len(units) <= 2 and len(held) + len(titled) < len(units)):
                    continue
                pairs = sum(1 for a, b in zip(units, units[1:], strict=False)
                            if f" {' '.join(a.ways[0])} {' '.join(b.ways[0])} " in text.joined)
                if (len(units) == 2 and not pairs and all(len(u.ways[0]) == 1 for u in units)
                        and not all(u.found(title) for u in units)):
                    continue  # two words far apart in a passage do not answer ("giá … màu vàng")
                score = (cover + 0.1 * pairs / len(units) + forms.bonus(form, passage)) * KIND_WEIGHT.get(hit.kind, 1.0)
                if resident and fold(passage)[:60] in resident:
                    score *= 0.5  # the resident's own question: the committee's reply answers it
                score -= 0.02 * rank
                if best is None or score > best[0]:
                    best = (score, passage, frozenset(map(id, held + titled)))
            if best:
                scored.append((*best, hit))
        # The same passage found in a lesson and in one of its steps: quote the more precise
        # source (the step's address is the longer one), with the better of the two scores.
        unique: dict[str, tuple] = {}
        for score, passage, covered, hit in scored:
            key = fold(passage)
            if key in unique:
                best_score, _passage, _covered, best_hit = unique[key]
                unique[key] = (max(score, best_score), passage, covered,
                               hit if len(hit.url) > len(best_hit.url) else best_hit)
            else:
                unique[key] = (score, passage, covered, hit)
        scored = sorted(unique.values(), key=lambda item: item[0], reverse=True)
        # The passages after the best must hold what it holds: one that lacks a word the best has
        # ("đổi" of "đổi căn cước") answers another question.
        scored = [item for item in scored if scored and item[2] >= scored[0][2] and item[0] >= scored[0][0] * 0.6]
        marks = marker(units)
        quotes += [Quote(text=snippet(p, marks, width=80), title=h.title, url=locate(h, p), kind=h.kind)
                   for _s, p, _c, h in scored[: self.quotes - len(quotes)]]
        return Answer(question, quotes)


def _dump_answer(answer: Answer) -> dict:
    return {"question": answer.question, "quotes": [{**vars(x), "text": str(x.text)} for x in answer.quotes]}


def _load_answer(data: dict) -> Answer:
    # The quotes as this module escaped and marked them, kept where the rendered pages are kept.
    return Answer(data["question"], [Quote(**{**x, "text": Markup(x["text"])})  # noqa: S704  # nosec B704
                                     for x in data["quotes"]])


KIND_WEIGHT = {"step": 1.1, "lesson": 1.05, "document": 1.05, "answer": 1.0, "bulletin": 0.95}


def _resident_part(hit) -> str:
    """A public answer's text starts with the resident's petition (its summary is the start of it):
    that first paragraph, folded; "" for other kinds."""
    if hit.kind != "answer" or not hit.summary:
        return ""
    first = hit.text.split("\n\n", 1)[0]
    return fold(first) if fold(first).startswith(fold(hit.summary.rstrip("…"))[:40]) else ""


def answerer() -> Answerer:
    """The configured answerer (QUESTION_ANSWERER), the offline passage answerer by default."""
    backend = current()
    spec = current_app.config.get("QUESTION_ANSWERER") or ""
    if not spec:
        return PassageAnswerer(backend)
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)(backend)
