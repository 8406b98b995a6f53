"""library: categories, items, files with extracted text, page audio, edit history

Revision ID: 0004_library
Revises: 0003_petitions
Create Date: 2026-11-23 17:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = '0004_library'
down_revision = '0003_petitions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('library_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['library_categories.id'], name=op.f('fk_library_categories_parent_id_library_categories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_categories')),
    sa.UniqueConstraint('slug', name=op.f('uq_library_categories_slug'))
    )
    op.create_table('library_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('issuer', sa.String(length=200), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('tags', sa.String(length=300), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('published_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_published_at', portal.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('views', sa.Integer(), nullable=False),
    sa.Column('text_pages', sa.Integer(), nullable=False),
    sa.Column('audio_state', sa.String(length=10), nullable=False),
    sa.Column('audio_error', sa.String(length=500), nullable=False),
    sa.Column('audio_hash', sa.String(length=64), nullable=False),
    sa.Column('audio_opus', sa.String(length=200), nullable=True),
    sa.Column('audio_mp3', sa.String(length=200), nullable=True),
    sa.Column('audio_seconds', sa.Double(), nullable=True),
    sa.Column('audio_opus_bytes', sa.Integer(), nullable=True),
    sa.Column('audio_mp3_bytes', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_library_items_author_id_users')),
    sa.ForeignKeyConstraint(['category_id'], ['library_categories.id'], name=op.f('fk_library_items_category_id_library_categories')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_library_items_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_items')),
    sa.UniqueConstraint('slug', name=op.f('uq_library_items_slug'))
    )
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.create_index('ix_library_items_public', ['status', 'published_at'], unique=False)

    op.create_table('library_files',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('format', sa.String(length=8), nullable=False),
    sa.Column('bytes', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('extract_state', sa.String(length=10), nullable=False),
    sa.Column('extract_error', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_files_item_id_library_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_files'))
    )
    with op.batch_alter_table('library_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_files_item_id'), ['item_id'], unique=False)

    op.create_table('library_page_audio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('audio_opus', sa.String(length=200), nullable=False),
    sa.Column('audio_mp3', sa.String(length=200), nullable=False),
    sa.Column('audio_seconds', sa.Double(), nullable=False),
    sa.Column('audio_opus_bytes', sa.Integer(), nullable=False),
    sa.Column('audio_mp3_bytes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_page_audio_item_id_library_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_page_audio')),
    sa.UniqueConstraint('item_id', 'page', name=op.f('uq_library_page_audio_item_id'))
    )
    op.create_table('library_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('changed', sa.String(length=300), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['library_items.id'], name=op.f('fk_library_revisions_item_id_library_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_library_revisions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_library_revisions'))
    )
    with op.batch_alter_table('library_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_library_revisions_item_id'), ['item_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('library_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_revisions_item_id'))

    op.drop_table('library_revisions')
    op.drop_table('library_page_audio')
    with op.batch_alter_table('library_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_library_files_item_id'))

    op.drop_table('library_files')
    with op.batch_alter_table('library_items', schema=None) as batch_op:
        batch_op.drop_index('ix_library_items_public')

    op.drop_table('library_items')
    op.drop_table('library_categories')
