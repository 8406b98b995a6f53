"""Checking a quiz on the server: the page never carries which answer is right."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .models import Choice, Lesson, Question


@dataclass
class QuestionResult:
    question: Question
    chosen: set[int]   # choice ids the resident ticked
    answered: bool
    right: bool

    def feedback(self) -> list[tuple[Choice, bool]]:
        """The explanations to show: every ticked choice, and the right ones that were missed."""
        return [(c, c.id in self.chosen) for c in self.question.choices if c.id in self.chosen or c.correct]


@dataclass
class QuizResult:
    results: list[QuestionResult]

    @property
    def complete(self) -> bool:
        return all(r.answered for r in self.results)

    @property
    def score(self) -> int:
        return sum(r.right for r in self.results)

    @property
    def passed(self) -> bool:
        return self.complete and self.score == len(self.results)

    def chosen(self, question_id: int) -> set[int]:
        return next((r.chosen for r in self.results if r.question.id == question_id), set())


def ordered(question: Question, seed: str | None) -> list[Choice]:
    """The choices in this resident's order: shuffled by a hash of their seed and each choice's id,
    so a reload shows the same order, another phone another one, and the editor's order (right
    answer often first) gives nothing away. Answers are checked by choice id, never by position."""
    if not seed:
        return list(question.choices)
    return sorted(question.choices,
                  key=lambda c: hashlib.sha256(f"{seed}:{question.id}:{c.id}".encode()).digest())


def field_name(question: Question) -> str:
    return f"q{question.id}"


def check(lesson: Lesson, form) -> QuizResult:
    """`form` is a MultiDict of the POST; unknown or foreign choice ids are ignored."""
    results = []
    for question in lesson.questions:
        valid = {c.id for c in question.choices}
        chosen = set()
        for raw in form.getlist(field_name(question))[:len(valid)]:
            if raw.isdigit() and int(raw) in valid:
                chosen.add(int(raw))
        if not question.multiple and len(chosen) > 1:
            chosen = set()  # a forged form: a single-choice question gets one answer
        right = {c.id for c in question.choices if c.correct}
        results.append(QuestionResult(question, chosen, bool(chosen), chosen == right))
    return QuizResult(results)
