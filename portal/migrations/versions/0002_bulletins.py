"""bulletins, news sources

Revision ID: 0002_bulletins
Revises: 0001_foundation
Create Date: 2026-11-23 16:07:02.512806
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = '0002_bulletins'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('news_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('last_checked_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.String(length=500), nullable=False),
    sa.Column('last_imported', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_news_sources_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_sources')),
    sa.UniqueConstraint('url', name=op.f('uq_news_sources_url'))
    )
    op.create_table('bulletins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('topic', sa.String(length=30), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('publish_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_published_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('source_guid', sa.String(length=500), nullable=True),
    sa.Column('cover_webp', sa.String(length=200), nullable=True),
    sa.Column('cover_jpeg', sa.String(length=200), nullable=True),
    sa.Column('cover_width', sa.Integer(), nullable=True),
    sa.Column('cover_height', sa.Integer(), nullable=True),
    sa.Column('cover_alt', sa.String(length=200), nullable=False),
    sa.Column('media_state', sa.String(length=10), nullable=False),
    sa.Column('media_error', sa.String(length=500), nullable=False),
    sa.Column('media_text_hash', sa.String(length=64), nullable=False),
    sa.Column('audio_opus', sa.String(length=200), nullable=True),
    sa.Column('audio_mp3', sa.String(length=200), nullable=True),
    sa.Column('audio_seconds', sa.Double(), nullable=True),
    sa.Column('audio_opus_bytes', sa.Integer(), nullable=True),
    sa.Column('audio_mp3_bytes', sa.Integer(), nullable=True),
    sa.Column('epub', sa.String(length=200), nullable=True),
    sa.Column('epub_bytes', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_bulletins_author_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_bulletins_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bulletins')),
    sa.UniqueConstraint('slug', name=op.f('uq_bulletins_slug'))
    )
    with op.batch_alter_table('bulletins', schema=None) as batch_op:
        batch_op.create_index('ix_bulletins_public', ['status', 'publish_at'], unique=False)

    op.create_table('news_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=500), nullable=False),
    sa.Column('bulletin_id', sa.Integer(), nullable=True),
    sa.Column('imported_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['bulletin_id'], ['bulletins.id'], name=op.f('fk_news_imports_bulletin_id_bulletins'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['source_id'], ['news_sources.id'], name=op.f('fk_news_imports_source_id_news_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_news_imports')),
    sa.UniqueConstraint('source_id', 'guid', name=op.f('uq_news_imports_source_id'))
    )


def downgrade() -> None:
    op.drop_table('news_imports')
    with op.batch_alter_table('bulletins', schema=None) as batch_op:
        batch_op.drop_index('ix_bulletins_public')

    op.drop_table('bulletins')
    op.drop_table('news_sources')
