"""staff accounts linked to an OpenID Connect issuer + subject; accounts for single sign-on only

Revision ID: 0013_oidc_accounts
Revises: 0011_staff_sessions
Create Date: 2026-12-02 01:40:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = '0013_oidc_accounts'
down_revision = '0011_staff_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sso_issuer', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('sso_subject', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('sso_only', sa.Boolean(), server_default='0', nullable=False))
        batch_op.create_unique_constraint(batch_op.f('uq_users_sso_issuer'), ['sso_issuer', 'sso_subject'])


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_sso_issuer'), type_='unique')
        batch_op.drop_column('sso_only')
        batch_op.drop_column('sso_subject')
        batch_op.drop_column('sso_issuer')
