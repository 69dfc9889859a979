"""index comments by module and id

Revision ID: 50307c68539d
Revises: fc4f254eced7
Create Date: 2026-11-25 21:44:58.483227
"""

from alembic import op


revision = '50307c68539d'
down_revision = 'fc4f254eced7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_module_id_id', ['module_id', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_module_id_id')

