"""Editors' actions on a lesson's quiz: 2 to 5 questions, each answer explained."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from portal.accounts.models import User
from portal.accounts.service import audit
from portal.core.text import clean_line

from .models import PUBLISHED, Choice, Lesson, Question
from .service import MAX_QUESTIONS, MIN_QUESTIONS, ContentError, check, renumber, touch


@dataclass
class ChoiceData:
    text: str
    correct: bool
    explanation: str


@dataclass
class QuestionData:
    prompt: str
    multiple: bool
    choices: list[ChoiceData] = field(default_factory=list)


def question_problems(data: QuestionData) -> list[str]:
    filled = [c for c in data.choices if c.text.strip()]
    problems = []
    if len(filled) < 2:
        problems.append("two-choices")
    right = sum(c.correct for c in filled)
    if right == 0:
        problems.append("one-right")
    elif right > 1 and not data.multiple:
        problems.append("single-one-right")
    if any(not c.explanation.strip() for c in filled):
        problems.append("explain-each")
    return problems


def save_question(session: Session, actor: User, lesson: Lesson, data: QuestionData,
                  question: Question | None = None) -> Question:
    check(actor, lesson.course.unit)
    problems = question_problems(data)
    if question is None and len(lesson.questions) >= MAX_QUESTIONS:
        problems.append("too-many-questions")
    if problems:
        raise ContentError(problems[0])
    creating = question is None
    if creating:
        question = Question(lesson=lesson, position=len(lesson.questions) + 1)
        session.add(question)
    question.prompt = clean_line(data.prompt, 400)
    question.multiple = data.multiple
    question.choices.clear()
    session.flush()
    for n, c in enumerate((c for c in data.choices if c.text.strip()), start=1):
        question.choices.append(Choice(position=n, text=clean_line(c.text, 300), correct=c.correct,
                                       explanation=clean_line(c.explanation, 600)))
    touch(lesson)
    session.flush()
    audit(session, actor, "lesson.question.create" if creating else "lesson.question.update", "lesson",
          lesson.id, question=question.id)
    session.commit()
    return question


def delete_question(session: Session, actor: User, question: Question) -> None:
    lesson = question.lesson
    check(actor, lesson.course.unit)
    if lesson.status == PUBLISHED and len(lesson.questions) <= MIN_QUESTIONS:
        raise ContentError("question-count")
    lesson.questions.remove(question)
    renumber(lesson.questions)
    touch(lesson)
    audit(session, actor, "lesson.question.delete", "lesson", lesson.id, question=question.id)
    session.commit()
