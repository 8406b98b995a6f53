"""The audit trail: one row per staff action, added to the caller's transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .models import AuditEntry, User


def audit(session: Session, actor: User | None, action: str, obj_type: str, obj_id: object = "", **detail) -> None:
    session.add(AuditEntry(actor=actor, action=action, object_type=obj_type, object_id=str(obj_id), detail=detail))
