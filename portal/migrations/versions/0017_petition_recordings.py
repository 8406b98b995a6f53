"""spoken petitions: private recordings, their transcripts and the draft they belong to

Revision ID: 0017_petition_recordings
Revises: 0014_resident_accounts
Create Date: 2026-12-02 05:30:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = '0017_petition_recordings'
down_revision = '0014_resident_accounts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('petition_recordings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=40), nullable=False),
    sa.Column('petition_id', sa.Integer(), nullable=True),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('mimetype', sa.String(length=40), nullable=False),
    sa.Column('seconds', sa.Float(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('transcript', sa.Text(), nullable=False),
    sa.Column('readback_key', sa.String(length=200), nullable=False),
    sa.Column('error', sa.String(length=40), nullable=False),
    sa.Column('draft', sa.Text(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_petition_recordings_petition_id_petitions'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petition_recordings')),
    sa.UniqueConstraint('token', name=op.f('uq_petition_recordings_token'))
    )
    with op.batch_alter_table('petition_recordings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petition_recordings_petition_id'), ['petition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_recordings_created_at'), ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('petition_recordings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_recordings_created_at'))
        batch_op.drop_index(batch_op.f('ix_petition_recordings_petition_id'))
    op.drop_table('petition_recordings')
