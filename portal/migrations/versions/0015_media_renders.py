"""media_renders: one row per item whose media are rendered, so that requests coalesce

Revision ID: 0015_media_renders
Revises: 0016_api_changes
Create Date: 2026-12-02 05:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = '0015_media_renders'
down_revision = '0016_api_changes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'media_renders',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('queued', sa.Boolean(), nullable=False),
        sa.Column('queued_at', portal.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_media_renders')),
        sa.UniqueConstraint('kind', 'item_id', name=op.f('uq_media_renders_kind')),
    )


def downgrade() -> None:
    op.drop_table('media_renders')
