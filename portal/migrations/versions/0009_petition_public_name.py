"""the sender's name as the public reads it, kept apart from the name as sent

Revision ID: 0009_petition_public_name
Revises: 0008_job_runs
Create Date: 2026-12-12 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = '0009_petition_public_name'
down_revision = '0008_job_runs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy of the table: on SQLite that would drop and re-create
    # `petitions`, and its ON DELETE CASCADE would take the history with it).
    op.add_column('petitions', sa.Column('public_name', sa.String(length=200), nullable=False, server_default=''))
    # Earlier rows showed the name as sent unless it was hidden; they keep showing it. Public
    # pages mask personal data in it anyway (portal.petitions.public), and staff may edit it.
    petitions = sa.table('petitions', sa.column('name', sa.String), sa.column('hide_name', sa.Boolean),
                         sa.column('public_name', sa.String))
    op.execute(petitions.update().where(petitions.c.hide_name.is_(sa.false()), petitions.c.name != '')
               .values(public_name=petitions.c.name))


def downgrade() -> None:
    op.drop_column('petitions', 'public_name')  # native on SQLite ≥ 3.35: no copy of the table
