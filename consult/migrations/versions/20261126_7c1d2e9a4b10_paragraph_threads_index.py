"""paragraph threads index

Revision ID: 7c1d2e9a4b10
Revises: 3b6641167776
Create Date: 2026-11-26 03:05:00
"""

from alembic import op


revision = '7c1d2e9a4b10'
down_revision = '3b6641167776'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Replaces (module_id, paragraph_id), which it starts with.
    op.create_index('ix_comment_paragraph_threads', 'comment', ['module_id', 'paragraph_id', 'parent_id', 'id'])
    op.drop_index('ix_comment_module_id_paragraph_id', table_name='comment')


def downgrade() -> None:
    op.create_index('ix_comment_module_id_paragraph_id', 'comment', ['module_id', 'paragraph_id'])
    op.drop_index('ix_comment_paragraph_threads', table_name='comment')
