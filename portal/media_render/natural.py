"""``SPEECH_ENGINE=auto``: Google's natural voice when it answers, the offline voice otherwise.

The natural voice is asked with a short timeout (SPEECH_NATURAL_TIMEOUT, per request) at the
address SPEECH_NATURAL_URL. When it fails, the offline voice speaks the whole text and nobody
asks the natural voice again for 5 minutes, then 10, 20… up to 6 hours while it keeps failing:
that outage is a row of `VoiceOutage` in the database, so every worker of every instance sees
it (a process of its own would keep knocking on a door another found shut). What the offline
voice made meanwhile is marked ``fell_back`` in the render ledger, and `jobs.renew_offline_speech`
has it made again once the natural voice answers.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from portal.db import db, utcnow

from .models import MediaRender, VoiceOutage

AUTO = "auto"
NATURAL, OFFLINE = "gtts", "espeak"
MIXED = "mixed"  # an item whose texts were not all spoken by the same voice
FIRST_WAIT = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=6)
PROBE_TEXT = "Xin chào."

log = logging.getLogger(__name__)
_outages = VoiceOutage.__table__


def wait_after(failures: int) -> timedelta:
    """How long nobody asks a voice that failed ``failures`` times in a row (5 min, doubling, ≤ 6 h)."""
    if failures < 1:
        return timedelta(0)
    return min(FIRST_WAIT * 2 ** min(failures - 1, 16), LONGEST_WAIT)


def may_ask(session: Session, engine: str = NATURAL, now: datetime | None = None) -> bool:
    retry_at = session.scalar(select(VoiceOutage.retry_at).where(VoiceOutage.engine == engine))
    session.rollback()  # read only: end the transaction
    return retry_at is None or retry_at <= (now or utcnow())


def failed(session: Session, reason: str, engine: str = NATURAL, now: datetime | None = None) -> bool:
    """Count one failure of the voice and start (or lengthen) its outage. Only the first failure
    seen once the voice may be asked again counts: several workers failing at the same moment
    lengthen the wait once, not once each. True when this call counted it."""
    now = now or utcnow()
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(_outages).values(engine=engine, failures=0, retry_at=None, reason="")
                    .on_conflict_do_nothing(index_elements=["engine"]))
    failures, retry_at = session.execute(select(_outages.c.failures, _outages.c.retry_at)
                                         .where(_outages.c.engine == engine)).one()
    counted = False
    if retry_at is None or retry_at <= now:
        counted = bool(session.execute(update(_outages).where(
            _outages.c.engine == engine, _outages.c.failures == failures).values(
            failures=failures + 1, retry_at=now + wait_after(failures + 1), reason=reason[:300])).rowcount)
    session.commit()
    if counted:
        log.warning("the %s voice failed (%s); not asked again for %s", engine, reason, wait_after(failures + 1))
    return counted


def answered(session: Session, engine: str = NATURAL) -> None:
    """The voice answered: the outage, if any, is over."""
    session.execute(update(_outages).where(_outages.c.engine == engine, _outages.c.failures > 0)
                    .values(failures=0, retry_at=None, reason=""))
    session.commit()


def _natural_options() -> dict:
    cfg = current_app.config
    return {"timeout": cfg["SPEECH_NATURAL_TIMEOUT"], "url": cfg["SPEECH_NATURAL_URL"]}


def speak(text: str, out_dir: Path, time_limit: float):
    """One text in the natural voice if it may be asked and answers, else in the offline voice
    (``fell_back``); the outage is updated from what happened."""
    from portal.audio import SpeechTimeout, render_speech_limited

    with db.new_session() as session:
        ask = may_ask(session)
    try:
        result = render_speech_limited(text, out_dir, time_limit=time_limit, engine=NATURAL, fallback=OFFLINE,
                                       try_primary=ask, **_natural_options())
    except SpeechTimeout as exc:
        if ask:  # Google slow enough to use up the whole time: the next attempt speaks offline
            with db.new_session() as session:
                failed(session, str(exc))
        raise
    if ask and result.fell_back:
        with db.new_session() as session:
            failed(session, result.fallback_reason)
    elif ask and not result.cached:
        with db.new_session() as session:
            answered(session)
    return result


def probe() -> bool:
    """Whether the natural voice answers now (asked only if it may be), with one short text."""
    from portal.audio import EngineUnavailable
    from portal.audio.engines.google import GoogleEngine

    with db.new_session() as session:
        if not may_ask(session):
            return False
        try:
            GoogleEngine(**_natural_options()).fetch_mp3(PROBE_TEXT)
        except EngineUnavailable as exc:
            failed(session, str(exc))
            return False
        answered(session)
        return True


def summary(speeches) -> tuple[str | None, bool]:
    """(voice, fell_back) of an item from the results of its speeches."""
    engines = {getattr(speech, "engine", None) for speech in speeches} - {None}
    voice = None if not engines else engines.pop() if len(engines) == 1 else MIXED
    return voice, any(getattr(speech, "fell_back", False) for speech in speeches)


def record(session: Session, kind: str, item_id: int, speeches) -> None:
    """Note which voice made the item's speech (in the caller's transaction)."""
    speeches = list(speeches)
    if not speeches:
        return
    voice, fell_back = summary(speeches)
    session.execute(update(MediaRender).where(MediaRender.kind == kind, MediaRender.item_id == item_id)
                    .values(voice=voice, fell_back=fell_back))


def fallen_back(session: Session, limit: int) -> list[tuple[str, int]]:
    """(kind, item id) of items spoken offline during an outage, with no render waiting."""
    rows = session.execute(select(MediaRender.kind, MediaRender.item_id).where(
        MediaRender.fell_back.is_(True), MediaRender.queued.is_(False)).order_by(MediaRender.id).limit(limit))
    return [(kind, item_id) for kind, item_id in rows]


def forget(session: Session, kind: str, item_id: int) -> None:
    """An item gone or no longer public: nothing to make again (its next render says anew)."""
    session.execute(update(MediaRender).where(MediaRender.kind == kind, MediaRender.item_id == item_id)
                    .values(fell_back=False))


def voice_of(kind: str, item_id: int) -> tuple[str | None, bool] | None:
    """For the editor's pages: (voice, fell_back) of the item's last render, None before one."""
    row = db.session.execute(select(MediaRender.voice, MediaRender.fell_back).where(
        MediaRender.kind == kind, MediaRender.item_id == item_id)).first()
    return None if row is None or row.voice is None else (row.voice, bool(row.fell_back))

