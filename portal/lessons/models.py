"""Courses → lessons → steps with a quiz; learners known only by a code; team sessions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, UTCDateTime, utcnow
from portal.media_render.models import MEDIA_DONE, MEDIA_FAILED, MEDIA_NONE, MEDIA_WAITING, RenderedColumns  # noqa: F401  (the states, for the feature's code)
from portal.units.models import Unit

DRAFT = "draft"
PUBLISHED = "published"


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(400), default="")
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))  # the committee that owns it
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    lessons: Mapped[list[Lesson]] = relationship(back_populates="course", order_by="Lesson.position",
                                                 cascade="all, delete-orphan")

    @property
    def is_public(self) -> bool:
        return self.status == PUBLISHED

    def public_lessons(self) -> list[Lesson]:
        return [lesson for lesson in self.lessons if lesson.status == PUBLISHED]


class Lesson(Base):
    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(400), default="")
    minutes: Mapped[int] = mapped_column(default=5)
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    course: Mapped[Course] = relationship(back_populates="lessons")
    steps: Mapped[list[Step]] = relationship(back_populates="lesson", order_by="Step.position",
                                             cascade="all, delete-orphan")
    questions: Mapped[list[Question]] = relationship(back_populates="lesson", order_by="Question.position",
                                                     cascade="all, delete-orphan")

    @property
    def is_public(self) -> bool:
        return self.status == PUBLISHED and self.course.status == PUBLISHED


class Step(RenderedColumns, Base):
    __tablename__ = "lesson_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")

    picture_webp: Mapped[str | None] = mapped_column(String(200))
    picture_jpeg: Mapped[str | None] = mapped_column(String(200))
    picture_width: Mapped[int | None] = mapped_column()
    picture_height: Mapped[int | None] = mapped_column()
    picture_alt: Mapped[str] = mapped_column(String(300), default="")

    lesson: Mapped[Lesson] = relationship(back_populates="steps")

    @property
    def picture_bytes(self) -> int:
        """Size of the WebP most phones fetch, shown before the resident opens the picture."""
        from portal.core.media import size_of

        return size_of(self.picture_webp)


class Question(Base):
    __tablename__ = "lesson_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    prompt: Mapped[str] = mapped_column(String(400))
    multiple: Mapped[bool] = mapped_column(default=False)  # several answers may be right

    lesson: Mapped[Lesson] = relationship(back_populates="questions")
    choices: Mapped[list[Choice]] = relationship(back_populates="question", order_by="Choice.position",
                                                 cascade="all, delete-orphan")


class Choice(Base):
    __tablename__ = "lesson_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("lesson_questions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(String(300))
    correct: Mapped[bool] = mapped_column(default=False)
    explanation: Mapped[str] = mapped_column(String(600), default="")

    question: Mapped[Question] = relationship(back_populates="choices")


class Learner(Base):
    """Progress kept under a learner code, nothing else: no name, no phone, no account."""

    __tablename__ = "learners"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    # {"<lesson id>": [furthest step reached, 1 when the quiz was passed else 0]}
    progress: Mapped[dict] = mapped_column(JSON, default=dict)
    guided_by_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TeamSession(Base):
    """A group lesson held by a commune's community digital-technology team."""

    __tablename__ = "team_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    held_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    residents: Mapped[int] = mapped_column()
    finished_quiz: Mapped[int] = mapped_column()
    note: Mapped[str] = mapped_column(String(500), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    lessons: Mapped[list[Lesson]] = relationship(secondary="team_session_lessons", order_by="Lesson.position")

    __table_args__ = (Index("ix_team_sessions_unit_held", "unit_id", "held_on"),)


class TeamSessionLesson(Base):
    __tablename__ = "team_session_lessons"

    session_id: Mapped[int] = mapped_column(ForeignKey("team_sessions.id", ondelete="CASCADE"), primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"), primary_key=True)
