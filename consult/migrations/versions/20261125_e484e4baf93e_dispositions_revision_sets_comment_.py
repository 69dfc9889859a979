"""dispositions, revision sets, comment search

Revision ID: e484e4baf93e
Revises: e886e6e93a99
Create Date: 2026-11-25 20:40:12.405373
"""

from alembic import op
import sqlalchemy as sa
import consult.db
from consult.migrations import search_sql


revision = 'e484e4baf93e'
down_revision = 'e886e6e93a99'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('revision_set',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('base_version_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('state', sa.Enum('open', 'published', 'abandoned', name='revisionsetstate', native_enum=False, length=32), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', consult.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_version_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['base_version_id'], ['version.id'], name=op.f('fk_revision_set_base_version_id_version')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_revision_set_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['module_id'], ['module.id'], name=op.f('fk_revision_set_module_id_module')),
    sa.ForeignKeyConstraint(['published_version_id'], ['version.id'], name=op.f('fk_revision_set_published_version_id_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision_set'))
    )
    with op.batch_alter_table('revision_set', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_set_module_id'), ['module_id'], unique=False)
        batch_op.create_index('uq_revision_set_one_open_per_module', ['module_id'], unique=True, sqlite_where=sa.text("state = 'open'"), postgresql_where=sa.text("state = 'open'"))

    op.create_table('revision_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_set_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('edit', 'insert', 'delete', 'move', name='changekind', native_enum=False, length=32), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('after_paragraph_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('new_kind', sa.Enum('heading', 'paragraph', 'list_item', 'note', 'example', 'table', 'quote', name='paragraphkind', native_enum=False, length=32), nullable=True),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('ordered', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['after_paragraph_id'], ['paragraph.id'], name=op.f('fk_revision_change_after_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_revision_change_created_by_id_user_account')),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_revision_change_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['revision_set_id'], ['revision_set.id'], name=op.f('fk_revision_change_revision_set_id_revision_set')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision_change'))
    )
    with op.batch_alter_table('revision_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_change_revision_set_id'), ['revision_set_id'], unique=False)

    op.create_table('disposition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('decision', sa.Enum('accepted', 'accepted_in_principle', 'rejected', 'noted', 'duplicate', name='decision', native_enum=False, length=32), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('editor_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', consult.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revision_set_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_disposition_comment_id_comment')),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['comment.id'], name=op.f('fk_disposition_duplicate_of_id_comment')),
    sa.ForeignKeyConstraint(['editor_id'], ['user_account.id'], name=op.f('fk_disposition_editor_id_user_account')),
    sa.ForeignKeyConstraint(['revision_set_id'], ['revision_set.id'], name=op.f('fk_disposition_revision_set_id_revision_set')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disposition')),
    sa.UniqueConstraint('comment_id', 'revision', name=op.f('uq_disposition_comment_id_revision'))
    )
    op.create_table('revision_change_comment',
    sa.Column('change_id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['change_id'], ['revision_change.id'], name=op.f('fk_revision_change_comment_change_id_revision_change')),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_revision_change_comment_comment_id_comment')),
    sa.PrimaryKeyConstraint('change_id', 'comment_id', name=op.f('pk_revision_change_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decision', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('disposition_revision', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_index(batch_op.f('ix_comment_decision'), ['decision'], unique=False)

    # Full-text search of comment bodies and proposed changes (consult.services.search).
    if op.get_bind().dialect.name == "sqlite":
        op.execute(search_sql.SQLITE_TABLE)
        search_sql.restore_sqlite_triggers(op)
    else:
        op.execute(search_sql.POSTGRES_INDEX)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("comment_search_insert", "comment_search_delete", "comment_search_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS comment_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_comment_search")
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_decision'))
        batch_op.drop_column('disposition_revision')
        batch_op.drop_column('decision')

    op.drop_table('revision_change_comment')
    op.drop_table('disposition')
    with op.batch_alter_table('revision_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revision_change_revision_set_id'))

    op.drop_table('revision_change')
    with op.batch_alter_table('revision_set', schema=None) as batch_op:
        batch_op.drop_index('uq_revision_set_one_open_per_module', sqlite_where=sa.text("state = 'open'"), postgresql_where=sa.text("state = 'open'"))
        batch_op.drop_index(batch_op.f('ix_revision_set_module_id'))

    op.drop_table('revision_set')
