"""maintained comment counts

Revision ID: fc4f254eced7
Revises: a9ea0644442d
Create Date: 2026-11-25 21:39:07.060504
"""

from alembic import op
import sqlalchemy as sa


RECOUNT_PARAGRAPHS = """UPDATE paragraph SET comment_count = (
    SELECT count(*) FROM comment WHERE comment.paragraph_id = paragraph.id AND comment.state <> 'hidden')"""
RECOUNT_MODULES = """UPDATE module SET comment_count = (
    SELECT count(*) FROM comment WHERE comment.module_id = module.id AND comment.state <> 'hidden')"""
RECOUNT_GENERAL = """UPDATE module SET general_comment_count = (
    SELECT count(*) FROM comment WHERE comment.module_id = module.id AND comment.paragraph_id IS NULL
    AND comment.state <> 'hidden')"""

revision = 'fc4f254eced7'
down_revision = 'a9ea0644442d'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('module', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comment_count', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('general_comment_count', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comment_count', sa.Integer(), server_default='0', nullable=False))

    # Count what is already there.
    op.execute(RECOUNT_PARAGRAPHS)
    op.execute(RECOUNT_MODULES)
    op.execute(RECOUNT_GENERAL)


def downgrade() -> None:
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.drop_column('comment_count')

    with op.batch_alter_table('module', schema=None) as batch_op:
        batch_op.drop_column('general_comment_count')
        batch_op.drop_column('comment_count')

