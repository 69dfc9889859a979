"""module comment stamp

Revision ID: 5e2f8a7b3c41
Revises: 7c1d2e9a4b10
Create Date: 2026-11-26 02:30:00
"""

from alembic import op
import sqlalchemy as sa
from consult.migrations import stamp_sql


revision = '5e2f8a7b3c41'
down_revision = '7c1d2e9a4b10'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch rebuild), so comment's search triggers stay in place.
    op.add_column('module', sa.Column('comment_stamp', sa.Integer(), server_default='0', nullable=False))
    stamp_sql.create(op)


def downgrade() -> None:
    stamp_sql.drop(op)
    with op.batch_alter_table('module', schema=None) as batch_op:
        batch_op.drop_column('comment_stamp')
