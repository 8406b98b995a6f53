"""Petitions (phản ánh, kiến nghị), their history, photos, and the notification outbox.

Personal data (name, phone, e-mail, the original text) lives only in columns that
public pages, feeds and the search index never read; what the public sees is the
moderated `public_title`/`public_body`/`public_name` (masked automatically, editable by staff).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.db import Base, UTCDateTime, utcnow
from portal.units.models import Unit

CATEGORIES = ("dat-dai", "moi-truong", "an-sinh", "ha-tang", "y-te", "giao-duc", "can-bo", "khac")

RECEIVED = "received"
IN_PROGRESS = "in_progress"
ANSWERED = "answered"
PUBLISHED = "published"
TRANSFERRED = "transferred"
REJECTED = "rejected"
MERGED = "merged"
WITHDRAWN = "withdrawn"
STATUSES = (RECEIVED, IN_PROGRESS, ANSWERED, PUBLISHED, TRANSFERRED, REJECTED, MERGED, WITHDRAWN)
OPEN_STATUSES = (RECEIVED, IN_PROGRESS)


class Petition(Base):
    __tablename__ = "petitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    # One per rendered form: a resubmission (double tap, retry) finds the first petition.
    submission_id: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), default=RECEIVED, index=True)

    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    public_title: Mapped[str] = mapped_column(String(200), default="")
    public_body: Mapped[str] = mapped_column(Text, default="")
    # The sender's name as the public page shows it ("" when hidden); masked again when shown.
    public_name: Mapped[str] = mapped_column(String(200), default="")

    # Personal data: never shown publicly; erased by the retention job after closing.
    name: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    hide_name: Mapped[bool] = mapped_column(default=False)
    consent_public: Mapped[bool] = mapped_column(default=False)
    personal_data_erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # a community team member
    # Sent by a signed-in resident: the opaque key of core/residents.py (a keyed hash of the
    # provider's issuer + sub), so "Phản ánh của tôi" finds it; never shown, erased with the rest.
    resident_key: Mapped[str | None] = mapped_column(String(64), index=True)
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id"))

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_on: Mapped[date] = mapped_column(Date)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    reason_private: Mapped[bool] = mapped_column(default=False)
    review_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_reason: Mapped[str] = mapped_column(Text, default="")
    supporters: Mapped[int] = mapped_column(default=0)  # residents who added their voice
    # What the public reads as the answer, and the committee that gave it: a copy made at
    # publication, so a review (escalation, reopening) or a new unpublished answer never
    # takes back or changes what was published.
    public_answer: Mapped[str] = mapped_column(Text, default="")
    public_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    # The look-up secret (4 digits) is guessable: wrong tries are counted on the petition, in
    # the database, so the limit holds whatever the address, the worker or the instance.
    verify_failures: Mapped[int] = mapped_column(default=0)
    verify_locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hidden: Mapped[bool] = mapped_column(default=False)  # hidden by staff after an abuse report
    abuse_reports: Mapped[int] = mapped_column(default=0)

    unit: Mapped[Unit] = relationship(foreign_keys=[unit_id])
    public_unit: Mapped[Unit | None] = relationship(foreign_keys=[public_unit_id])
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])
    assigned_to: Mapped[User | None] = relationship(foreign_keys=[assigned_to_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    events: Mapped[list[PetitionEvent]] = relationship(back_populates="petition", order_by="PetitionEvent.id")
    photos: Mapped[list[PetitionPhoto]] = relationship(back_populates="petition", order_by="PetitionPhoto.id")
    recordings: Mapped[list[PetitionRecording]] = relationship(back_populates="petition",
                                                               order_by="PetitionRecording.id")

    __table_args__ = (Index("ix_petitions_public", "status", "consent_public", "hidden", "published_at"),)

    @property
    def is_public(self) -> bool:
        # Once published, an answer stays public whatever happens next (a review, a new answer).
        return self.published_at is not None and self.consent_public and not self.hidden

    def answered_on_time(self) -> bool | None:
        if self.answered_at is None:
            return None
        from zoneinfo import ZoneInfo

        return self.answered_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).date() <= self.due_on


class PetitionEvent(Base):
    """The petition's history. `for_resident` events show on the tracking page;
    the others (internal notes, assignments) only to staff."""

    __tablename__ = "petition_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    for_resident: Mapped[bool] = mapped_column(default=True)
    from_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    to_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))

    petition: Mapped[Petition] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()
    from_unit: Mapped[Unit | None] = relationship(foreign_keys=[from_unit_id])
    to_unit: Mapped[Unit | None] = relationship(foreign_keys=[to_unit_id])


class PetitionSupport(Base):
    """One row per resident's support, or per address and time slot (see `service.add_support`):
    the unique key makes a repeated press count once, even when presses arrive at once."""

    __tablename__ = "petition_supports"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))  # an HMAC, never an address or a cookie in clear
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("petition_id", "key", name="uq_petition_supports_petition_key"),)


class PetitionPhoto(Base):
    """A photo resized and stripped on upload, stored outside the public media area."""

    __tablename__ = "petition_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    public: Mapped[bool] = mapped_column(default=False)  # staff may publish a photo with the answer

    petition: Mapped[Petition] = relationship(back_populates="photos")


# A recording's states: waiting for the recogniser, written down, not written down (the
# recogniser failed or the audio could not be decoded), or kept only (no recogniser here).
REC_WAITING, REC_DONE, REC_FAILED, REC_KEPT = "waiting", "done", "failed", "kept"


class PetitionRecording(Base):
    """A spoken petition: personal data, like the photos, stored outside the public media area.

    Made when the resident asks for it to be written down, before the petition exists: then
    `petition_id` is empty and `draft` holds what the form held (JSON), so the draft page can give
    it back with the transcript; on sending, the row is attached and `draft` emptied. Drafts
    never sent are removed after a day (jobs.remove_orphan_recordings)."""

    __tablename__ = "petition_recordings"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(40), unique=True)  # the draft's secret code
    petition_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))
    mimetype: Mapped[str] = mapped_column(String(40))
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    status: Mapped[str] = mapped_column(String(10), default=REC_WAITING)
    transcript: Mapped[str] = mapped_column(Text, default="")
    readback_key: Mapped[str] = mapped_column(String(200), default="")  # the transcript in the portal's voice
    error: Mapped[str] = mapped_column(String(40), default="")  # a reason code, never words
    draft: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    petition: Mapped[Petition | None] = relationship(back_populates="recordings")


class Notification(Base):
    """Outbox: every message to a resident; sent by SMTP/SMS when configured, else read here."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    petition_id: Mapped[int | None] = mapped_column(ForeignKey("petitions.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(10))  # email, sms, outbox
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str] = mapped_column(String(500), default="")

    petition: Mapped[Petition | None] = relationship()
