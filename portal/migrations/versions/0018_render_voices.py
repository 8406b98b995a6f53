"""which voice made each render (media_renders.voice, fell_back) and the online voice's outage

Revision ID: 0018_render_voices
Revises: 0015_media_renders
Create Date: 2026-12-02 18:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = '0018_render_voices'
down_revision = '0015_media_renders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('media_renders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voice', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('fell_back', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index('ix_media_renders_fell_back', ['fell_back'], unique=False)
    op.create_table(
        'voice_outages',
        sa.Column('engine', sa.String(length=40), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('retry_at', portal.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('reason', sa.String(length=300), nullable=False),
        sa.PrimaryKeyConstraint('engine', name=op.f('pk_voice_outages')),
    )


def downgrade() -> None:
    op.drop_table('voice_outages')
    with op.batch_alter_table('media_renders', schema=None) as batch_op:
        batch_op.drop_index('ix_media_renders_fell_back')
        batch_op.drop_column('fell_back')
        batch_op.drop_column('voice')
