"""The background job queue: Huey on SQLite by default, on Redis when REDIS_URL is set.

Features declare tasks with `@jobs.task()` at import time; the concrete Huey
instance is only built in `init_app`, from the app's configuration. Services
queue work with `enqueue_after_commit` so nothing runs for a rolled-back change.

Besides Huey's own options (``retries``, ``retry_delay``, ``retry_backoff``: the delay is
multiplied by it after each retry), a task may be declared ``resumable=True``: run again when
the worker running it dies (see `portal.jobs.runs`). Inside a task, `current_attempt()` says
which attempt this is and whether another will follow if it fails.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from . import huey_import
from .attempts import Attempt, _attempt, current_attempt

if TYPE_CHECKING:
    from huey import Huey

__all__ = ["Attempt", "JobQueue", "Task", "current_attempt", "jobs"]

log = logging.getLogger(__name__)


class Task:
    """A task declared before the queue exists; bound to Huey by `JobQueue.init_app`."""

    def __init__(self, queue: JobQueue, fn: Callable, options: dict) -> None:
        self.queue = queue
        self.fn = fn
        self.resumable = bool(options.pop("resumable", False))
        self.options = options
        self.name = f"{fn.__module__}.{fn.__qualname__}"
        self.bound = None
        self.abandon_handler: Callable | None = None
        functools.update_wrapper(self, fn)

    def on_abandon(self, handler: Callable) -> Callable:
        """Declare what to do, with the task's arguments, when a resumable task is given up
        because the worker running it died too many times."""
        self.abandon_handler = handler
        return handler

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.fn(*args, **kwargs)

    def enqueue(self, *args: Any, **kwargs: Any):
        if self.bound is None:
            raise RuntimeError("job queue not initialised; call jobs.init_app(app)")
        return self.bound(*args, **kwargs)


class JobQueue:
    def __init__(self) -> None:
        self._tasks: list[Task] = []
        self._periodic: list[tuple[Callable, Any]] = []
        self._startup: list[Callable] = []
        self.huey: Huey | None = None
        self.app = None
        self.resumable: set[str] = set()  # names of the tasks declared resumable=True

    # -- declaration -------------------------------------------------------
    def task(self, **options: Any) -> Callable[[Callable], Task]:
        def decorator(fn: Callable) -> Task:
            task = Task(self, fn, options)
            self._tasks.append(task)
            if self.huey is not None:
                self._bind(task)
            return task

        return decorator

    def periodic(self, schedule: Any) -> Callable[[Callable], Callable]:
        def decorator(fn: Callable) -> Callable:
            self._periodic.append((fn, schedule))
            if self.huey is not None:  # declared after init_app (modules imported by blueprints)
                self._bind_periodic(fn, schedule)
            return fn

        return decorator

    def on_startup(self, fn: Callable) -> Callable:
        self._startup.append(fn)
        if self.huey is not None:  # declared after init_app, like periodic tasks
            self._bind_startup(fn)
        return fn

    # -- binding -----------------------------------------------------------
    def init_app(self, app) -> None:
        cfg = app.config
        name = cfg["JOBS_NAME"]
        package = huey_import.load(with_redis=bool(cfg.get("REDIS_URL")))  # huey itself, imported here
        if cfg.get("REDIS_URL"):
            huey: Huey = package.RedisHuey(name, url=cfg["REDIS_URL"], immediate=cfg["JOBS_IMMEDIATE"])
        else:
            huey = package.SqliteHuey(name, filename=cfg["JOBS_DB"], immediate=cfg["JOBS_IMMEDIATE"])
        self.huey = huey
        self.app = app
        for task in self._tasks:
            self._bind(task)
        for fn, schedule in self._periodic:
            self._bind_periodic(fn, schedule)
        for fn in self._startup:
            self._bind_startup(fn)
        from . import failures, runs

        runs.install(self)
        if "job_problem" not in app.jinja_env.filters:  # init_app runs again in tests
            app.add_template_filter(failures.explain, "job_problem")
        app.extensions["jobs"] = self

    def task_named(self, name: str) -> Task | None:
        return next((task for task in self._tasks if task.name == name), None)

    def in_app(self, fn: Callable) -> Callable:
        """``fn`` wrapped to run inside the app's context (what every queued function gets)."""
        return self._in_app(fn)

    def _in_app(self, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            with self.app.app_context():
                return fn(*args, **kwargs)

        return run

    def _bind_startup(self, fn: Callable) -> None:
        assert self.huey is not None
        self.huey.on_startup(name=f"{fn.__module__}.{fn.__qualname__}")(self._in_app(fn))

    def _bind_periodic(self, fn: Callable, schedule: Any) -> None:
        assert self.huey is not None
        self.huey.periodic_task(schedule, name=f"{fn.__module__}.{fn.__qualname__}")(self._in_app(fn))

    def _bind(self, task: Task) -> None:
        assert self.huey is not None
        task.bound = self.huey.task(name=task.name, context=True, **task.options)(
            self._in_app(self._attempting(task)))
        if task.resumable:
            self.resumable.add(task.name)

    @staticmethod
    def _attempting(task: Task) -> Callable:
        """Run ``task.fn`` with `current_attempt()` set from Huey's task (given as ``task=``)."""
        attempts = int(task.options.get("retries", 0)) + 1

        @functools.wraps(task.fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            job = kwargs.pop("task")
            left = int(job.retries or 0)
            retry_in = float(job.retry_delay or 0) if left > 0 else None
            token = _attempt.set(Attempt(job.id, max(1, attempts - left), attempts, retry_in))
            try:
                return task.fn(*args, **kwargs)
            finally:
                _attempt.reset(token)

        return run

    # -- queueing after commit -------------------------------------------
    def enqueue_after_commit(self, session: Session, task: Task, *args: Any, **kwargs: Any) -> None:
        session.connection()  # begin the transaction now, so a rollback() drops the job
        session.info.setdefault("jobs_after_commit", []).append((task, args, kwargs))

    def waiting(self, *tasks: Task, limit: int = 2000) -> int:
        """How many runs of ``tasks`` wait in the queue or in the schedule (retries, delayed
        runs), among the first ``limit`` of each. Reads Huey's messages without building the
        tasks, so a process that does not declare every task can still look."""
        huey = self.huey
        if huey is None or huey.immediate:
            return 0
        names = {f"{t.bound.task_class.__module__}.{t.bound.task_class.__name__}" for t in tasks if t.bound}
        found = 0
        for raw in [*huey.storage.enqueued_items(limit), *huey.storage.scheduled_items(limit)]:
            try:
                found += huey.serializer.deserialize(raw).name in names
            except Exception as exc:  # not a message of ours: the worker reports it when it gets there
                log.debug("unreadable queue message: %s", type(exc).__name__)
        return found

    def health(self) -> dict:
        assert self.huey is not None
        try:
            pending = self.huey.pending_count()
        except Exception as exc:  # storage down: report, don't raise
            log.warning("job queue unreachable: %s", type(exc).__name__)
            return {"ok": False, "error": type(exc).__name__}
        return {"ok": True, "pending": pending, "backend": type(self.huey).__name__}


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    pending = session.info.pop("jobs_after_commit", [])
    for task, args, kwargs in pending:
        try:
            task.enqueue(*args, **kwargs)
        except Exception:
            # The change is committed; a queue outage must not turn it into an
            # error page. Rebuild commands re-derive whatever was missed.
            log.exception("could not queue %s", task.name)


@event.listens_for(Session, "after_soft_rollback")
def _drop_after_rollback(session: Session, previous_transaction) -> None:
    # Fires for every rollback() call, even when no SQL had run yet; a rolled-back
    # savepoint leaves the outer transaction (and what it queued) alive.
    if not session.in_transaction():
        session.info.pop("jobs_after_commit", None)


jobs = JobQueue()
