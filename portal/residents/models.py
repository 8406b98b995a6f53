"""A resident's sign-in, kept on the server (never a staff session: flask-login knows nothing of
it, so no staff page ever opens for it).

The provider's issuer and `sub` are never stored: `resident_key` is a keyed hash of them, the
only thing petitions keep to list a resident's own petitions. The contact claims (name, e-mail,
phone) and the ID token (the logout hint) stay only while the session is live: ending it empties
them, and the hourly clean-up deletes the row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, UTCDateTime


class ResidentSession(Base):
    __tablename__ = "resident_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    resident_key: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The provider's session (`sid`, hashed like the subject): a back-channel logout names it.
    external_sid: Mapped[str | None] = mapped_column(String(64), index=True)
    contact: Mapped[dict] = mapped_column(JSON, default=dict)
    id_token: Mapped[str | None] = mapped_column(Text)
