"""petitions: per-petition look-up lock, the published answer kept apart, one support per resident

Revision ID: 0010_petition_trust
Revises: 0009_petition_public_name
Create Date: 2026-12-02 01:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = '0010_petition_trust'
down_revision = '0009_petition_public_name'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('public_answer', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('public_unit_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('verify_failures', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('verify_locked_until', portal.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_petitions_public_unit_id_units'), 'units', ['public_unit_id'],
                                    ['id'])
    # Answers already published: the public copy is the (masked) answer of the committee holding them.
    op.execute("UPDATE petitions SET public_answer = answer, public_unit_id = unit_id "
               "WHERE published_at IS NOT NULL")
    op.create_table('petition_supports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'],
                            name=op.f('fk_petition_supports_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petition_supports')),
    sa.UniqueConstraint('petition_id', 'key', name='uq_petition_supports_petition_key')
    )


def downgrade() -> None:
    op.drop_table('petition_supports')
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_petitions_public_unit_id_units'), type_='foreignkey')
        batch_op.drop_column('verify_locked_until')
        batch_op.drop_column('verify_failures')
        batch_op.drop_column('public_unit_id')
        batch_op.drop_column('public_answer')
