"""live sessions

Revision ID: a9ea0644442d
Revises: e484e4baf93e
Create Date: 2026-11-25 21:04:18.720427
"""

from alembic import op
import sqlalchemy as sa
import consult.db
from consult.migrations import search_sql


revision = 'a9ea0644442d'
down_revision = 'e484e4baf93e'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('live_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('spotlight_paragraph_id', sa.Integer(), nullable=True),
    sa.Column('paused', sa.Boolean(), nullable=False),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('state_revision', sa.Integer(), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ended_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['facilitator_id'], ['user_account.id'], name=op.f('fk_live_session_facilitator_id_user_account')),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_live_session_module_id_module')),
    sa.ForeignKeyConstraint(['spotlight_paragraph_id'], ['paragraph.id'], name=op.f('fk_live_session_spotlight_paragraph_id_paragraph')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_session')),
    sa.UniqueConstraint('code', name=op.f('uq_live_session_code'))
    )
    with op.batch_alter_table('live_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_session_module_id'), ['module_id'], unique=False)

    op.create_table('live_hidden_comment',
    sa.Column('live_session_id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_live_hidden_comment_comment_id_comment')),
    sa.ForeignKeyConstraint(['live_session_id'], ['live_session.id'], name=op.f('fk_live_hidden_comment_live_session_id_live_session')),
    sa.PrimaryKeyConstraint('live_session_id', 'comment_id', name=op.f('pk_live_hidden_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('live_session_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_comment_live_session_id'), ['live_session_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_comment_live_session_id_live_session'), 'live_session', ['live_session_id'], ['id'])
    if op.get_bind().dialect.name == "sqlite":  # the rebuild above dropped the search triggers
        search_sql.restore_sqlite_triggers(op)



def downgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_live_session_id_live_session'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_comment_live_session_id'))
        batch_op.drop_column('live_session_id')
    if op.get_bind().dialect.name == "sqlite":
        search_sql.restore_sqlite_triggers(op)

    op.drop_table('live_hidden_comment')
    with op.batch_alter_table('live_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_session_module_id'))

    op.drop_table('live_session')
