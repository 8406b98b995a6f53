"""Which attempt of a queued task is running, so that a failure can say whether another follows."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class Attempt:
    """The run of a task in progress: attempt ``number`` of ``attempts``."""

    task_id: str
    number: int
    attempts: int
    retry_in: float | None  # seconds before the next attempt should this one fail; None: last one

    @property
    def last(self) -> bool:
        return self.retry_in is None


_attempt: ContextVar[Attempt | None] = ContextVar("job_attempt", default=None)


def current_attempt() -> Attempt | None:
    """The attempt being run, inside a queued task; None when the function is called directly."""
    return _attempt.get()
