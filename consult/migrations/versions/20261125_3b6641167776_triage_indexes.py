"""triage indexes

Revision ID: 3b6641167776
Revises: 50307c68539d
Create Date: 2026-11-25 23:27:06.387075
"""

from alembic import op


revision = '3b6641167776'
down_revision = '50307c68539d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_author_id')
        batch_op.create_index('ix_comment_author_id_module_id', ['author_id', 'module_id'], unique=False)
        batch_op.create_index('ix_comment_triage', ['module_id', 'parent_id', 'type', 'decision', 'state', 'id'],
                              unique=False)
        batch_op.create_index('ix_comment_id_state', ['id', 'module_id', 'parent_id', 'decision', 'state'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_id_state')
        batch_op.drop_index('ix_comment_triage')
        batch_op.drop_index('ix_comment_author_id_module_id')
        batch_op.create_index('ix_comment_author_id', ['author_id'], unique=False)
