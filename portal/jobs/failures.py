"""Why a background job failed, stored so that the editor can read it in their language.

A job that fails writes `record(exc)` into its feature's ``*_error`` column: a small JSON
object with a reason code, the technical detail, the attempt and, when another attempt will
follow, when. Templates show it with the ``job_problem`` filter (`explain`), translated at
display time; older plain-text values are shown as they are.
"""

from __future__ import annotations

import errno
import json
from datetime import datetime, timedelta

from flask_babel import format_decimal, format_time
from flask_babel import gettext as _

from portal.db import utcnow

from .attempts import Attempt, current_attempt

MAX_DETAIL = 300  # the columns hold 500 characters
_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)


class WorkerLost(RuntimeError):
    """The worker running the job died, every time it was run (see `portal.jobs.runs`)."""


def _reason(exc: BaseException) -> tuple[str, dict]:
    from portal.audio import EngineError, EngineUnavailable, SpeechCrashed, SpeechTimeout

    if isinstance(exc, SpeechTimeout):
        return "timeout", {"seconds": exc.seconds}
    if isinstance(exc, SpeechCrashed):
        return "crashed", {}
    if isinstance(exc, EngineUnavailable):
        return "unavailable", {}
    if isinstance(exc, EngineError):
        return "engine", {}
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        return "disk_full", {}
    if isinstance(exc, WorkerLost):
        return "worker_lost", {}
    return "error", {}


def record(exc: BaseException, attempt: Attempt | None = None) -> str:
    """What to store about ``exc``, raised by the current attempt of a job (or ``attempt``)."""
    attempt = attempt or current_attempt()
    code, extra = _reason(exc)
    data: dict = {"code": code, **extra, "detail": f"{type(exc).__name__}: {exc}"[:MAX_DETAIL]}
    if attempt is not None:
        data.update(attempt=attempt.number, attempts=attempt.attempts)
        if not attempt.last:
            retry_at = utcnow() + timedelta(seconds=attempt.retry_in or 0)
            data["retry_at"] = retry_at.isoformat(timespec="seconds")
    return json.dumps(data, ensure_ascii=False)


def _describe(data: dict) -> str:
    code = data.get("code")
    if code == "timeout":
        return _("The voice engine did not finish within %(seconds)s seconds.",
                 seconds=format_decimal(float(data.get("seconds") or 0)))
    if code == "crashed":
        return _("The voice engine stopped unexpectedly.")
    if code == "unavailable":
        return _("The voice service could not be reached.")
    if code == "engine":
        return _("The voice engine could not read this text.")
    if code == "worker_lost":
        return _("The job worker stopped in the middle of this job, every time it tried.")
    if code == "disk_full":
        from portal.core.errors import job_failure

        return job_failure(data.get("detail", ""))
    return _("An unexpected error occurred.")


def explain(stored: str | None) -> str:
    """The stored failure as a sentence or two for the editor (the ``job_problem`` filter)."""
    try:
        data = json.loads(stored or "")
    except ValueError:
        data = None
    if not isinstance(data, dict) or "code" not in data:
        from portal.core.errors import job_failure

        # Plain text, written before these records: a full disk in words, anything else (a raw
        # English exception) as a sentence in the editor's language.
        words = job_failure(stored)
        return words if words != (stored or "") else _("An unexpected error occurred.")
    # The technical detail (an English exception) is for the log and the operators, not the editor.
    parts = [_describe(data)]
    if data.get("retry_at"):
        when = datetime.fromisoformat(data["retry_at"])
        parts.append(_("Attempt %(number)s of %(attempts)s; the portal tries again by itself at %(time)s.",
                       number=data.get("attempt", 1), attempts=data.get("attempts", 1),
                       time=format_time(when, "short")))
    elif data.get("attempts", 1) > 1:
        parts.append(_("It failed %(attempts)s times in a row.", attempts=data["attempts"]))
    return " ".join(parts)
