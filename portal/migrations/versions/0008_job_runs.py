"""runs of resumable jobs, to run again a job whose worker died

Revision ID: 0008_job_runs
Revises: 0007_search_postgresql
Create Date: 2026-12-10 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = '0008_job_runs'
down_revision = '0007_search_postgresql'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('job_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('message', sa.LargeBinary(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('worker', sa.String(length=120), nullable=False),
    sa.Column('started_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('alive_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('resumes', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_runs')),
    sa.UniqueConstraint('task_id', name=op.f('uq_job_runs_task_id'))
    )


def downgrade() -> None:
    op.drop_table('job_runs')
