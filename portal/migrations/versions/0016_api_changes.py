"""what left the public API (deleted, unpublished, hidden), for city apps that sync with `since`

Revision ID: 0016_api_changes
Revises: 0017_petition_recordings
Create Date: 2026-12-02 05:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = '0016_api_changes'
down_revision = '0017_petition_recordings'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'api_removals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('collection', sa.String(length=40), nullable=False),
        sa.Column('key', sa.Integer(), nullable=False),
        sa.Column('removed_at', portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_api_removals')),
    )
    op.create_index('ix_api_removals_since', 'api_removals', ['collection', 'removed_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_api_removals_since', table_name='api_removals')
    op.drop_table('api_removals')
