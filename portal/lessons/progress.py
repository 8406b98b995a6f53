"""A resident's progress without an account.

Kept in a signed cookie (HMAC with the app's secret key: a changed cookie is refused, never
trusted) and, when the resident asks for one, under a short learner code stored on the server
so the progress can continue on another phone or at the commune office. Nothing personal is
stored: which lessons, how far, and whether the quiz was passed.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.core.codes import CodeScheme
from portal.db import utcnow

from .models import Learner

COOKIE = "hoc_so"
COOKIE_AGE = 2 * 365 * 24 * 3600
SALT = "lessons-progress-v1"
# "HS" (học số), 6 random symbols and a check symbol: HS-7K3M-9QX. 23**6 ≈ 148 million codes;
# a guessed code reveals only which lessons someone finished, and guessing is rate-limited.
LEARNER_CODES = CodeScheme("HS", 6, 4)
SEED_PATTERN = re.compile(r"[0-9a-f]{16}")
MAX_LESSONS = 400  # a cookie never grows past a few KB


@dataclass
class Progress:
    lessons: dict[int, list[int]] = field(default_factory=dict)  # lesson id → [furthest step, passed 0/1]
    code: str | None = None
    # Random per phone, kept in the signed cookie: orders each quiz's choices the same way on every
    # reload for this resident, differently for others (see quiz.ordered).
    seed: str | None = None

    def ensure_seed(self) -> bool:
        """Draw this phone's seed on its first quiz; True when the cookie must be rewritten."""
        if self.seed:
            return False
        self.seed = secrets.token_hex(8)
        return True

    def step(self, lesson_id: int) -> int:
        return self.lessons.get(lesson_id, [0, 0])[0]

    def passed(self, lesson_id: int) -> bool:
        return bool(self.lessons.get(lesson_id, [0, 0])[1])

    def reach(self, lesson_id: int, step: int) -> bool:
        """Record reaching `step`; True when that is news."""
        current = self.lessons.get(lesson_id, [0, 0])
        if step <= current[0] or len(self.lessons) >= MAX_LESSONS and lesson_id not in self.lessons:
            return False
        self.lessons[lesson_id] = [step, current[1]]
        return True

    def pass_quiz(self, lesson_id: int, steps: int) -> bool:
        current = self.lessons.get(lesson_id, [0, 0])
        if current[1] and current[0] >= steps:
            return False
        self.lessons[lesson_id] = [max(current[0], steps), 1]
        return True

    def merge(self, other: Progress) -> None:
        for lesson_id, (step, passed) in other.lessons.items():
            mine = self.lessons.get(lesson_id, [0, 0])
            self.lessons[lesson_id] = [max(mine[0], step), max(mine[1], passed)]

    def to_json(self) -> dict:
        return {str(k): v for k, v in self.lessons.items()}

    @classmethod
    def from_json(cls, data: dict, code: str | None = None) -> Progress:
        lessons = {}
        for key, value in list((data or {}).items())[:MAX_LESSONS]:
            if str(key).isdigit() and isinstance(value, list) and len(value) == 2 \
                    and all(isinstance(v, int) and 0 <= v < 1000 for v in value):
                lessons[int(key)] = [value[0], 1 if value[1] else 0]
        return cls(lessons, code)


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def dump(progress: Progress) -> str:
    return _serializer().dumps({"p": progress.to_json(), "c": progress.code, "s": progress.seed})


def load(raw: str | None) -> tuple[Progress, bool]:
    """(progress, refused): a cookie whose signature does not match is refused and ignored."""
    if not raw:
        return Progress(), False
    try:
        data = _serializer().loads(raw)
        code = data.get("c")
        code = LEARNER_CODES.normalize(code) if isinstance(code, str) else None
        found = Progress.from_json(data.get("p") if isinstance(data.get("p"), dict) else {}, code)
        seed = data.get("s")
        found.seed = seed if isinstance(seed, str) and SEED_PATTERN.fullmatch(seed) else None
        return found, False
    except (BadSignature, AttributeError, TypeError, ValueError):
        return Progress(), True


# -- learner codes (server side) ---------------------------------------------------------

def create_learner(session: Session, progress: Progress, guided_by_unit_id: int | None = None) -> Learner:
    """A fresh code holding `progress`; a clash with an existing code draws again."""
    for _attempt in range(8):
        learner = Learner(code=LEARNER_CODES.new(), progress=progress.to_json(), guided_by_unit_id=guided_by_unit_id)
        session.add(learner)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            continue
        progress.code = learner.code
        return learner
    raise RuntimeError("no free learner code")


def find_learner(session: Session, typed: str | None) -> Learner | None:
    code = LEARNER_CODES.normalize(typed)
    return session.scalar(select(Learner).where(Learner.code == code)) if code else None


def restore(session: Session, typed: str | None, progress: Progress) -> Learner | None:
    """Continue under a code: the phone's and the code's progress are merged, both kept."""
    learner = find_learner(session, typed)
    if learner is None:
        return None
    progress.merge(Progress.from_json(learner.progress))
    progress.code = learner.code
    learner.progress = progress.to_json()
    learner.updated_at = utcnow()
    session.commit()
    return learner


def save(session: Session, progress: Progress) -> None:
    """Copy the phone's progress to its learner code, if it has one (never loses anything)."""
    if not progress.code:
        return
    learner = session.scalar(select(Learner).where(Learner.code == progress.code))
    if learner is None:
        progress.code = None
        return
    stored = Progress.from_json(learner.progress)
    stored.merge(progress)
    progress.merge(stored)
    learner.progress = stored.to_json()
    learner.updated_at = utcnow()
    session.commit()


def write_cookie(response, progress: Progress) -> None:
    response.set_cookie(COOKIE, dump(progress), max_age=COOKIE_AGE, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")), path="/")
