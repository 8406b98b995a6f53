"""Tables of the PostgreSQL search backend (SEARCH_BACKEND=postgresql).

They exist on every database so that the schema is one, but only PostgreSQL fills them: the
Whoosh backend keeps its index in files. `exact` holds the words as written (lower case),
`folded` the same words through `unaccent` ("đường" → "duong"); both weight the title (A)
above the summary (B) and the text (D). `search_terms` is the vocabulary with how many
documents use each spelling: it gives "did you mean" and tolerates one typo.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from portal.db import Base, UTCDateTime

VECTOR = Text().with_variant(TSVECTOR(), "postgresql")


class SearchEntry(Base):
    __tablename__ = "search_documents"

    doc_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    unit_code: Mapped[str] = mapped_column(String(10), index=True)
    province_code: Mapped[str] = mapped_column(String(10), index=True)
    published: Mapped[datetime | None] = mapped_column(UTCDateTime(timezone=True))
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime(timezone=True))
    exact = mapped_column(VECTOR)
    folded = mapped_column(VECTOR)

    __table_args__ = (
        Index("ix_search_documents_exact", "exact", postgresql_using="gin"),
        Index("ix_search_documents_folded", "folded", postgresql_using="gin"),
    )


class SearchWrite(Base):
    """When the PostgreSQL index was last written (one row), for /healthz even when it is empty."""
    __tablename__ = "search_writes"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime(timezone=True))


class SearchTerm(Base):
    __tablename__ = "search_terms"

    word: Mapped[str] = mapped_column(Text, primary_key=True)   # as written, lower case
    folded: Mapped[str] = mapped_column(Text, index=True)       # unaccent(word)
    docs: Mapped[int] = mapped_column(Integer)                  # documents using this spelling
