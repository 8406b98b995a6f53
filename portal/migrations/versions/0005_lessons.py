"""lessons: courses, lessons, steps, quizzes, learner codes, community team sessions

Revision ID: 0005_lessons
Revises: 0004_library
Create Date: 2026-12-01 09:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

import portal.db


revision = '0005_lessons'
down_revision = '0004_library'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_courses_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses')),
    sa.UniqueConstraint('slug', name=op.f('uq_courses_slug'))
    )
    op.create_table('learners',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('progress', sa.JSON(), nullable=False),
    sa.Column('guided_by_unit_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['guided_by_unit_id'], ['units.id'], name=op.f('fk_learners_guided_by_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learners')),
    sa.UniqueConstraint('code', name=op.f('uq_learners_code'))
    )
    op.create_table('lessons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('updated_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_lessons_course_id_courses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lessons')),
    sa.UniqueConstraint('slug', name=op.f('uq_lessons_slug'))
    )
    op.create_index(op.f('ix_lessons_course_id'), 'lessons', ['course_id'], unique=False)
    op.create_table('team_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('residents', sa.Integer(), nullable=False),
    sa.Column('finished_quiz', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', portal.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_team_sessions_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_team_sessions_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_sessions'))
    )
    op.create_index('ix_team_sessions_unit_held', 'team_sessions', ['unit_id', 'held_on'], unique=False)
    op.create_table('lesson_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('prompt', sa.String(length=400), nullable=False),
    sa.Column('multiple', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['lesson_id'], ['lessons.id'], name=op.f('fk_lesson_questions_lesson_id_lessons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_questions'))
    )
    op.create_index(op.f('ix_lesson_questions_lesson_id'), 'lesson_questions', ['lesson_id'], unique=False)
    op.create_table('lesson_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('picture_webp', sa.String(length=200), nullable=True),
    sa.Column('picture_jpeg', sa.String(length=200), nullable=True),
    sa.Column('picture_width', sa.Integer(), nullable=True),
    sa.Column('picture_height', sa.Integer(), nullable=True),
    sa.Column('picture_alt', sa.String(length=300), nullable=False),
    sa.Column('media_state', sa.String(length=10), nullable=False),
    sa.Column('media_error', sa.String(length=500), nullable=False),
    sa.Column('media_text_hash', sa.String(length=64), nullable=False),
    sa.Column('audio_opus', sa.String(length=200), nullable=True),
    sa.Column('audio_mp3', sa.String(length=200), nullable=True),
    sa.Column('audio_seconds', sa.Double(), nullable=True),
    sa.Column('audio_opus_bytes', sa.Integer(), nullable=True),
    sa.Column('audio_mp3_bytes', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['lesson_id'], ['lessons.id'], name=op.f('fk_lesson_steps_lesson_id_lessons'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_steps'))
    )
    op.create_index(op.f('ix_lesson_steps_lesson_id'), 'lesson_steps', ['lesson_id'], unique=False)
    op.create_table('team_session_lessons',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lesson_id'], ['lessons.id'], name=op.f('fk_team_session_lessons_lesson_id_lessons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['team_sessions.id'], name=op.f('fk_team_session_lessons_session_id_team_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'lesson_id', name=op.f('pk_team_session_lessons'))
    )
    op.create_table('lesson_choices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.Column('correct', sa.Boolean(), nullable=False),
    sa.Column('explanation', sa.String(length=600), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['lesson_questions.id'], name=op.f('fk_lesson_choices_question_id_lesson_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_choices'))
    )
    op.create_index(op.f('ix_lesson_choices_question_id'), 'lesson_choices', ['question_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_lesson_choices_question_id'), table_name='lesson_choices')
    op.drop_table('lesson_choices')
    op.drop_table('team_session_lessons')
    op.drop_index(op.f('ix_lesson_steps_lesson_id'), table_name='lesson_steps')
    op.drop_table('lesson_steps')
    op.drop_index(op.f('ix_lesson_questions_lesson_id'), table_name='lesson_questions')
    op.drop_table('lesson_questions')
    op.drop_index('ix_team_sessions_unit_held', table_name='team_sessions')
    op.drop_table('team_sessions')
    op.drop_index(op.f('ix_lessons_course_id'), table_name='lessons')
    op.drop_table('lessons')
    op.drop_table('learners')
    op.drop_table('courses')
