"""What a question asks about, and how a passage is checked for it (used by questions.py).

A question is cut into units: a word, or a phrase of the dictionary. A word typed with diacritics
is found only with those diacritics ("đổi" is not "dõi", "căn" is not "cận"); a phrase of the
dictionary only as the dictionary writes it, or as another phrase of its group ("ông bà già" is
"người cao tuổi", never "cũ giá"), even when the resident typed it without diacritics ("can cuoc"
is "căn cước"). A phrase one typo away from one of the dictionary's ("căng cước") is read as it.
Only a word typed without diacritics, outside the dictionary, is found folded ("bao" → "báo"); and
no word counts when the passage holds it only inside a compound the resident did not type
(dictionary.COMPOUNDS: "đổi" of "chuyển đổi", "dõi" of "theo dõi").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from portal.core.text import fold

from . import dictionary, forms
from . import query as q
from .analysis import WORD_PATTERN, spelling


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
# forms.FILLER as written: a word typed with diacritics is filler only so spelled ("lái" is not "lại").
FILLER_WRITTEN = _words("""chưa hôm nay bây giờ vẫn ạ à nhé nhỉ hả đây kia ấy vui lòng cháu bác cụ cô ơi được
    không sao nào gì ai làm biết nhưng khi theo sắp xong thì rồi nữa lại mới cũng""")
ASIDE = frozenset(("cho", "giup", "cua"))  # folded: the words that introduce whom a thing is for
_WORD = re.compile(WORD_PATTERN)
_spelling = lru_cache(maxsize=50_000)(spelling)
_fold = lru_cache(maxsize=50_000)(fold)


class Text:
    """A passage (or a title) as the units look at it: folded words, spellings, and the words that
    stand on their own (not a syllable of a compound the question does not hold)."""

    def __init__(self, text: str, question: frozenset[str] = frozenset()) -> None:
        raw = [w.lower() for w in _WORD.findall(text)]
        self.words = [_fold(w) for w in raw]
        self.spelled = [_spelling(w) for w in raw]
        self.folded_set, self.spelled_set = set(self.words), set(self.spelled)
        self.joined = f" {' '.join(self.words)} "
        self.spelled_joined = f" {' '.join(self.spelled)} "
        bound: set[int] = set()
        pairs = dictionary.compounds()
        for i in range(len(raw) - 1):
            if (raw[i], raw[i + 1]) in pairs and not {self.words[i], self.words[i + 1]} <= question:
                bound.update((i, i + 1))
        alone = [i for i in range(len(raw)) if i not in bound]
        self.alone_folded = {self.words[i] for i in alone}
        self.alone_spelled = {self.spelled[i] for i in alone}


@dataclass(eq=False)
class Unit:
    """One word, or a phrase of the dictionary (or another of its group)."""
    typed: list[str]
    ways: list[tuple[str, ...]]      # folded word sequences, any of which will do (for the weights)
    spelled: list[tuple[str, ...]] = field(default_factory=list)  # the same, with diacritics; none: folded
    weight: float = 1.0
    near: frozenset[str] = frozenset()  # a word the index does not know: the passage words one typo away
    search: list[str] = field(default_factory=list)  # the words to look for: as typed, or as the dictionary writes them
    start: int = 0  # where it starts among the question's words
    aside: bool = False  # after "cho", "giúp", "của": whom it is for, not what is asked ("đổi căn cước cho ông bà")

    @property
    def single(self) -> bool:
        return len(self.ways) == 1 and len(self.ways[0]) == 1

    def found(self, text: Text) -> bool:
        if self.single and self.spelled:
            return any(way[0] in text.alone_spelled for way in self.spelled)
        if self.single:
            return self.ways[0][0] in text.alone_folded or bool(self.near & text.folded_set)
        return any((len(w) == 1 and w[0] in text.spelled_set) or (len(w) > 1 and f" {' '.join(w)} " in
                                                                    text.spelled_joined)
                   for w in self.spelled)

    def part(self, text: Text) -> float:
        """How much of the phrase as typed a passage holds, word by word, with its diacritics."""
        own = self.spelled[0] if self.spelled else self.ways[0]
        have = text.alone_spelled if self.spelled else text.alone_folded
        return sum(w in have for w in own) / len(own)


def units(question: str) -> tuple[list[Unit], str]:
    """The meaningful parts of a question and its form ("bao nhieu", "o dau"…, or "")."""
    parsed = q.parse(question)
    words, folded = parsed.words, parsed.folded
    form, skip = forms.detect(folded)
    spans = {start: (size, others) for start, size, others in parsed.synonyms}
    taken = {j for start, (size, _o) in spans.items() for j in range(start, start + size)}
    out, starts, i = [], [], 0
    while i < len(words):
        starts.append(i)
        if i in spans and not skip & set(range(i, i + spans[i][0])):
            size, others = spans[i]
            group = dictionary.match(words, i)
            own = dictionary.written(words, i, size, group[1]) if group else tuple(words[i:i + size])
            out.append(_phrase(words[i:i + size], own, others))
            i += size
            continue
        typo = None if i in taken or i in skip else dictionary.near(words, i)
        if typo and not (taken | skip) & set(range(i, i + typo[0])):
            size, group, phrase = typo
            out.append(_phrase(list(phrase), phrase, dictionary.alternatives(group, list(phrase))))
            i += size
            continue
        word = words[i]
        bare = word == fold(word)
        stop = BARE_QUESTION_WORDS if bare else QUESTION_WORDS
        filler = fold(word) in forms.FILLER if bare else word in FILLER_WRITTEN
        if i not in skip and word not in stop and not filler:
            accented = word != fold(word)
            out.append(Unit([word], [(fold(word),)], [(spelling(word),)] if accented else []))
        else:
            starts.pop()
        i += 1
    for unit, start in zip(out, starts, strict=True):
        unit.aside = start > 0 and folded[start - 1] in ASIDE and len(out) > 1
        unit.start = start
    unique: dict[tuple, Unit] = {}
    for unit in out:
        unique.setdefault(unit.ways[0], unit)
    return list(unique.values()), form


def read(found: list[Unit], question: list[str], texts: list[Text]) -> None:
    """Give a word typed without diacritics the reading the content gives it next to the word typed
    beside it: "dien chau" is "Diễn Châu" where a text writes "Diễn Châu", so "điện" no longer answers
    for it. `question`: its folded words; `texts`: the candidates' passages. A word the
    content never writes beside its neighbour keeps every reading."""
    for unit in found:
        if not unit.single or unit.spelled or unit.near:
            continue
        i, word = unit.start, unit.ways[0][0]
        left = question[i - 1] if i > 0 else ""
        right = question[i + 1] if i + 1 < len(question) else ""
        readings: set[str] = set()
        for text in texts:
            if word not in text.folded_set or not ({left, right} & text.folded_set):
                continue
            words = text.words
            for j, folded in enumerate(words):
                if folded == word and ((left and j > 0 and words[j - 1] == left) or (
                        right and j + 1 < len(words) and words[j + 1] == right)):
                    readings.add(text.spelled[j])
        unit.spelled = [(r,) for r in sorted(readings)]


def _phrase(typed: list[str], own: tuple[str, ...], others: list[list[str]]) -> Unit:
    ways = [tuple(own), *(tuple(o) for o in others)]
    return Unit(list(typed), [tuple(fold(w) for w in way) for way in ways],
                [tuple(spelling(w) for w in way) for way in ways], search=list(own))


class Marker:
    """Which words of a quote to mark: the units' words and phrases as they were found (a phrase
    only where all its words stand together, a word typed with diacritics only so spelled)."""

    def __init__(self, found: list[Unit]) -> None:
        self.phrases = {way for u in found for way in u.spelled}
        self.folded = {w for u in found if not u.spelled for w in (*u.ways[0], *u.near)}
        self.longest = max((len(p) for p in self.phrases), default=1)

    def positions(self, words: list[str]) -> set[int]:
        spelled = [_spelling(w) for w in words]
        out = {i for i, w in enumerate(words) if _fold(w) in self.folded}
        for i in range(len(words)):
            for size in range(1, min(self.longest, len(words) - i) + 1):
                if tuple(spelled[i:i + size]) in self.phrases:
                    out.update(range(i, i + size))
        return out


def marker(found: list[Unit]) -> Marker:
    return Marker(found)
