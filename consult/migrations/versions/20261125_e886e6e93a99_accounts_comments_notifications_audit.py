"""accounts, comments, notifications, audit

Revision ID: e886e6e93a99
Revises: e47c8345b8e6
Create Date: 2026-11-25 20:24:56.781966
"""

from alembic import op
import sqlalchemy as sa
import consult.db


revision = 'e886e6e93a99'
down_revision = 'e47c8345b8e6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('user_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('stakeholder_group', sa.Enum('member_state', 'international_organisation', 'civil_society', 'industry', 'academia', 'other', name='stakeholdergroup', native_enum=False, length=32), nullable=False),
    sa.Column('role', sa.Enum('expert', 'editor', 'facilitator', 'admin', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('session_generation', sa.Integer(), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
    sa.UniqueConstraint('email', name=op.f('uq_user_account_email'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target_type', sa.String(length=32), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_audit_event_actor_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index('ix_audit_event_target', ['target_type', 'target_id'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=True),
    sa.Column('paragraph_version_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('general', 'technical', 'editorial', name='commenttype', native_enum=False, length=32), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('proposed_change', sa.Text(), nullable=True),
    sa.Column('state', sa.Enum('open', 'withdrawn', 'hidden', name='commentstate', native_enum=False, length=32), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('edited_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_comment_author_id_user_account')),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['user_account.id'], name=op.f('fk_comment_hidden_by_id_user_account')),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_comment_module_id_module')),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_comment_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['paragraph_version_id'], ['paragraph_version.id'], name=op.f('fk_comment_paragraph_version_id_paragraph_version')),
    sa.ForeignKeyConstraint(['parent_id'], ['comment.id'], name=op.f('fk_comment_parent_id_comment')),
    sa.ForeignKeyConstraint(['version_id'], ['version.id'], name=op.f('fk_comment_version_id_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_author_id'), ['author_id'], unique=False)
        batch_op.create_index('ix_comment_module_id_paragraph_id', ['module_id', 'paragraph_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comment_parent_id'), ['parent_id'], unique=False)

    op.create_table('comment_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('type', sa.Enum('general', 'technical', 'editorial', name='commenttype', native_enum=False, length=32), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('proposed_change', sa.Text(), nullable=True),
    sa.Column('written_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('replaced_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_comment_revision_comment_id_comment')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_revision'))
    )
    with op.batch_alter_table('comment_revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_revision_comment_id'), ['comment_id'], unique=False)

    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('reply', 'hidden', name='notificationkind', native_enum=False, length=32), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.String(length=300), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('read_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_notification_comment_id_comment')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_notification_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index('ix_notification_user_id_read_at', ['user_id', 'read_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index('ix_notification_user_id_read_at')

    op.drop_table('notification')
    with op.batch_alter_table('comment_revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_revision_comment_id'))

    op.drop_table('comment_revision')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_parent_id'))
        batch_op.drop_index('ix_comment_module_id_paragraph_id')
        batch_op.drop_index(batch_op.f('ix_comment_author_id'))

    op.drop_table('comment')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_target')
        batch_op.drop_index(batch_op.f('ix_audit_event_actor_id'))
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    op.drop_table('user_account')
