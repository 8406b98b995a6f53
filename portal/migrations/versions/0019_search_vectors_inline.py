"""search_documents keeps its vectors in the row (toast_tuple_target 8160), not in the TOAST table

Ranking a search reads each row's `exact` and `folded` vectors several times (one ts_rank per
part of the score); stored out of line, every read fetched and copied them again from the TOAST
table: at 10,000 documents, 8,509 buffers and about 3.6 µs per read for "bảo hiểm y tế" (723
rows), against 786 buffers inline. Rows up to 8 KB now stay whole; longer ones (a long library
document) are still compressed and moved out as before. The existing rows are written again once
so that their vectors come back into the row. PostgreSQL only (SQLite has no such tables).

Revision ID: 0019_search_vectors_inline
Revises: 0018_render_voices
Create Date: 2026-12-02 22:30:00.000000
"""

from alembic import op

revision = '0019_search_vectors_inline'
down_revision = '0018_render_voices'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_documents SET (toast_tuple_target = 8160)")
    # A new value of each vector (the same lexemes and positions) is stored by the new rule.
    op.execute("UPDATE search_documents SET exact = exact || ''::tsvector, folded = folded || ''::tsvector")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE search_documents RESET (toast_tuple_target)")
