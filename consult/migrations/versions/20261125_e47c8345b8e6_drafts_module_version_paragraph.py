"""drafts: module, version, paragraph

Revision ID: e47c8345b8e6
Revises: 
Create Date: 2026-11-25 20:18:40.994860
"""

from alembic import op
import sqlalchemy as sa
import consult.db


revision = 'e47c8345b8e6'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('module',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=False),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_module')),
    sa.UniqueConstraint('slug', name=op.f('uq_module_slug'))
    )
    op.create_table('paragraph',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=40), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_paragraph_module_id_module')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraph')),
    sa.UniqueConstraint('uid', name=op.f('uq_paragraph_uid'))
    )
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraph_module_id'), ['module_id'], unique=False)

    op.create_table('version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('published_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_version_module_id_module')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version')),
    sa.UniqueConstraint('module_id', 'number', name=op.f('uq_version_module_id_number'))
    )
    with op.batch_alter_table('version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_module_id'), ['module_id'], unique=False)

    op.create_table('paragraph_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('heading', 'paragraph', 'list_item', 'note', 'example', 'table', 'quote', name='paragraphkind', native_enum=False, length=16), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('clause', sa.String(length=120), nullable=False),
    sa.Column('reference', sa.String(length=160), nullable=False),
    sa.Column('marker', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('html', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_paragraph_version_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['version_id'], ['version.id'], name=op.f('fk_paragraph_version_version_id_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraph_version')),
    sa.UniqueConstraint('version_id', 'paragraph_id', name=op.f('uq_paragraph_version_version_id_paragraph_id')),
    sa.UniqueConstraint('version_id', 'position', name=op.f('uq_paragraph_version_version_id_position'))
    )
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraph_version_paragraph_id'), ['paragraph_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('paragraph_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paragraph_version_paragraph_id'))

    op.drop_table('paragraph_version')
    with op.batch_alter_table('version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_module_id'))

    op.drop_table('version')
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paragraph_module_id'))

    op.drop_table('paragraph')
    op.drop_table('module')
