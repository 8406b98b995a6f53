"""the PostgreSQL full-text search backend: documents with exact and unaccented vectors, vocabulary

Revision ID: 0007_search_postgresql
Revises: 0006_staff_2fa
Create Date: 2026-11-23 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

import portal.db


revision = '0007_search_postgresql'
down_revision = '0006_staff_2fa'
branch_labels = None
depends_on = None

VECTOR = sa.Text().with_variant(TSVECTOR(), "postgresql")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # A trusted extension since PostgreSQL 13: the database owner may create it.
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.create_table('search_documents',
    sa.Column('doc_id', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('unit_code', sa.String(length=10), nullable=False),
    sa.Column('province_code', sa.String(length=10), nullable=False),
    sa.Column('published', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('indexed_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('exact', VECTOR, nullable=True),
    sa.Column('folded', VECTOR, nullable=True),
    sa.PrimaryKeyConstraint('doc_id', name=op.f('pk_search_documents'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_exact', ['exact'], unique=False, postgresql_using='gin')
        batch_op.create_index('ix_search_documents_folded', ['folded'], unique=False, postgresql_using='gin')
        batch_op.create_index(batch_op.f('ix_search_documents_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_province_code'), ['province_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_search_documents_unit_code'), ['unit_code'], unique=False)

    op.create_table('search_writes',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('written_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_search_writes'))
    )
    op.create_table('search_terms',
    sa.Column('word', sa.Text(), nullable=False),
    sa.Column('folded', sa.Text(), nullable=False),
    sa.Column('docs', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('word', name=op.f('pk_search_terms'))
    )
    with op.batch_alter_table('search_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_terms_folded'), ['folded'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('search_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_terms_folded'))
    op.drop_table('search_terms')
    op.drop_table('search_writes')
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_documents_unit_code'))
        batch_op.drop_index(batch_op.f('ix_search_documents_province_code'))
        batch_op.drop_index(batch_op.f('ix_search_documents_kind'))
        batch_op.drop_index('ix_search_documents_folded', postgresql_using='gin')
        batch_op.drop_index('ix_search_documents_exact', postgresql_using='gin')
    op.drop_table('search_documents')
