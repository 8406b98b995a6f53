"""residents' optional sign-in: server-side resident sessions, the resident key on petitions;
the jti of accepted back-channel logout tokens (a replay is refused)

Revision ID: 0014_resident_accounts
Revises: 0013_oidc_accounts
Create Date: 2026-12-02 05:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db

revision = '0014_resident_accounts'
down_revision = '0013_oidc_accounts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'resident_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('resident_key', sa.String(length=64), nullable=False),
        sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('expires_at', portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column('ended_at', portal.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column('external_sid', sa.String(length=64), nullable=True),
        sa.Column('contact', sa.JSON(), nullable=False),
        sa.Column('id_token', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_resident_sessions')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_resident_sessions_token_hash')),
    )
    with op.batch_alter_table('resident_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resident_sessions_resident_key'), ['resident_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_resident_sessions_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_resident_sessions_external_sid'), ['external_sid'], unique=False)
    op.create_table(
        'oidc_logout_tokens',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('expires_at', portal.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_oidc_logout_tokens')),
    )
    with op.batch_alter_table('oidc_logout_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oidc_logout_tokens_expires_at'), ['expires_at'], unique=False)
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resident_key', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_petitions_resident_key'), ['resident_key'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petitions_resident_key'))
        batch_op.drop_column('resident_key')
    with op.batch_alter_table('oidc_logout_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oidc_logout_tokens_expires_at'))
    op.drop_table('oidc_logout_tokens')
    with op.batch_alter_table('resident_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resident_sessions_external_sid'))
        batch_op.drop_index(batch_op.f('ix_resident_sessions_expires_at'))
        batch_op.drop_index(batch_op.f('ix_resident_sessions_resident_key'))
    op.drop_table('resident_sessions')
