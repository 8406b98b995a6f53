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
from .reading import locate
from .searching import find
from .snippets import matcher, snippet


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a sentence a question but say nothing about its subject. As typed with
# diacritics; and, for words typed without them, only those whose folded form is not also a
# meaningful word ("anh" could be "ánh" in "phản ánh", "the" could be "thẻ").
QUESTION_WORDS = _words("""
    à ạ ai anh bạn bà ông bị bao cách cần cho chị có của đã đâu để được em gì giúp hãy hỏi khi không
    là làm mình muốn nào này nếu nên như nhờ ở ơi phải ra rồi sao sẽ thế thì tôi và vậy với xin
    mẹ bố cha ông bà vợ chồng con cháu nhà""")
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


@dataclass
class _Unit:
    """What a passage must hold: one word, or a phrase of the dictionary (or another of its group)."""
    typed: list[str]
    ways: list[tuple[str, ...]]  # folded word sequences, any of which will do
    exact: str = ""              # a single word typed with diacritics: this spelling only
    weight: float = 1.0
    near: frozenset[str] = frozenset()  # a word the index does not know: the passage words one typo away

    def found(self, words: set[str], joined: str, exact_words: set[str]) -> bool:
        if self.exact:
            return self.exact in exact_words
        if any((len(w) == 1 and w[0] in words) or (len(w) > 1 and f" {' '.join(w)} " in joined)
               for w in self.ways):
            return True
        return bool(self.near & words)


def _units(question: str) -> tuple[list[_Unit], str]:
    """The meaningful parts of a question and its form ("bao nhieu", "o dau"…, or "")."""
    parsed = q.parse(question)
    words, folded = parsed.words, parsed.folded
    form, skip = forms.detect(folded)
    spans = {start: (size, others) for start, size, others in parsed.synonyms}
    units, i = [], 0
    while i < len(words):
        if i in spans and not skip & set(range(i, i + spans[i][0])):
            size, others = spans[i]
            own = tuple(folded[i:i + size])
            units.append(_Unit(words[i:i + size], [own, *(tuple(fold(w) for w in o) for o in others)]))
            i += size
            continue
        word = words[i]
        stop = BARE_QUESTION_WORDS if word == fold(word) else QUESTION_WORDS
        if i not in skip and word not in stop and fold(word) not in forms.FILLER:
            units.append(_Unit([word], [(fold(word),)], exact=word if word != fold(word) else ""))
        i += 1
    unique: dict[tuple, _Unit] = {}
    for unit in units:
        unique.setdefault(unit.ways[0], unit)
    return list(unique.values()), form


class PassageAnswerer:
    """Offline, extractive: every sentence shown comes from the portal's content."""

    def __init__(self, backend: SearchBackend | str, candidates: int = 12, quotes: int = 3, coverage: float = 0.6):
        """`backend`: the search backend (or a Whoosh index directory)."""
        self.backend, self.candidates, self.quotes, self.coverage = backend, candidates, quotes, coverage

    def _weigh(self, units: list[_Unit]) -> list[str]:
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
        query = " ".join(" ".join(u.typed) for u in units)
        results = find(self.backend, query, per_page=self.candidates, with_text=True, any_word=True, counts=False)
        total = sum(u.weight for u in units)
        scored = []
        for rank, hit in enumerate(results.hits):
            title_words = set(_words_of(hit.title))
            title_joined = f" {' '.join(_words_of(hit.title))} "
            resident = _resident_part(hit)
            best = None
            for passage in passages("\n".join(filter(None, [hit.summary if hit.kind != "answer" else "",
                                                            hit.text]))):
                words = _words_of(passage)
                if words == _words_of(hit.title):
                    continue  # a document's text that starts with its own title: not an answer
                present, joined = set(words), f" {' '.join(words)} "
                exact_words = set(_WORD.findall(passage.lower()))
                if unknown:
                    for unit in units:
                        if len(unit.ways) == 1 and unit.ways[0][0] in unknown:
                            unit.near = frozenset(w for w in present if len(w) >= 4 and within(unit.ways[0][0], w, 1))
                held = [u for u in units if u.found(present, joined, exact_words)]
                titled = [u for u in units if u not in held
                          and u.found(title_words, title_joined, set(_WORD.findall(hit.title.lower())))]
                partly = [u for u in units if u not in held and u not in titled and len(u.ways[0]) > 1]
                # A step's title is the heading of its few lines: it counts in full.
                title_credit = 1.0 if hit.kind == "step" else 0.5
                cover = (sum(u.weight for u in held) + title_credit * sum(u.weight for u in titled)
                         + 0.5 * sum(u.weight * sum(w in present for w in u.ways[0]) / len(u.ways[0])
                                     for u in partly)) / total
                if cover < self.coverage or (len(units) <= 2 and len(held) + len(titled) < len(units)):
                    continue
                pairs = sum(1 for a, b in zip(units, units[1:], strict=False)
                            if f" {' '.join(a.ways[0])} {' '.join(b.ways[0])} " in joined)
                if (len(units) == 2 and not pairs and all(len(u.ways[0]) == 1 for u in units)
                        and not all(u.found(title_words, title_joined, set()) for u in units)):
                    continue  # two words far apart in a passage do not answer ("giá … màu vàng")
                score = (cover + 0.1 * pairs / len(units) + forms.bonus(form, passage)) * KIND_WEIGHT.get(hit.kind, 1.0)
                if resident and fold(passage)[:60] in resident:
                    score *= 0.5  # the resident's own question: the committee's reply answers it
                score -= 0.02 * rank
                if best is None or score > best[0]:
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
        marks = matcher([w for u in units for way in u.ways for w in way], typed=[u.exact for u in units if u.exact])
        quotes += [Quote(text=snippet(p, marks, width=80), title=h.title, url=locate(h, p), kind=h.kind)
                   for s, p, h in scored[: self.quotes - len(quotes)] if s >= scored[0][0] * 0.6]
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
