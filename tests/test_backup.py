"""Dump and restore: everything comes back, from SQLite into whichever database the suite runs on."""

from __future__ import annotations

from sqlalchemy import select

from consult import schema
from consult.db import Base, get_session
from consult.services import backup, comments, dispositions, drafts, live, revisions, search
from consult.services.comments import CommentInput
from tests import factories
from tests.conftest import dispose, make_app


def build_source(path):
    """A SQLite consultation with something in every table."""
    app = make_app(path)
    schema.upgrade(app)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["consult", "init"]).exit_code == 0
    assert runner.invoke(args=["consult", "demo"]).exit_code == 0
    with app.app_context():
        session = get_session()
        editor = factories.user(session, "editor")
        expert = factories.user(session, "expert")
        module = drafts.get_module(session, "isacs-05-30")
        target = factories.paragraphs(session)[3]
        comment = comments.post_on_paragraph(session, expert, target.uid, CommentInput(
            body="Unicode ✓ «guillemets» and 漢字.", type="technical", proposed_change=target.text + " More."))
        comments.edit(session, expert, comment.id, CommentInput(body="Edited ✓.", type="technical"))
        dispositions.decide(session, editor, comment.id, dispositions.DispositionInput(
            decision="rejected", response="Because.", revision=0))
        rs = revisions.open_set(session, editor, module)
        revisions.edit_paragraph(session, editor, rs, target.uid, "Rewritten.", [comment.id])
        revisions.publish(session, editor, rs)
        event = live.create(session, factories.user(session, "facilitator"), module, "Side-event")
        live.hide_from_room(session, factories.user(session, "facilitator"), event, comment.id)
        session.commit()
    return app


def table_rows(app) -> dict[str, list[dict]]:
    with app.app_context():
        connection = get_session().connection()
        return {table.name: [{k: backup._plain(v) for k, v in row.items()}
                             for row in connection.execute(select(table).order_by(*table.primary_key.columns)).mappings()]
                for table in Base.metadata.sorted_tables}


def test_dump_then_restore_brings_back_every_row(tmp_path, databases):
    source = build_source(tmp_path / "source.sqlite3")
    dump_file = tmp_path / "consult-dump.jsonl.gz"
    result = source.test_cli_runner().invoke(args=["consult", "dump", "-o", str(dump_file)])
    assert result.exit_code == 0, result.output
    expected = table_rows(source)
    assert all(expected[name] for name in ("user_account", "module", "version", "comment", "comment_revision",
                                           "disposition", "revision_set", "revision_change", "audit_event",
                                           "notification", "live_session", "live_hidden_comment"))
    dispose(source)

    target_url = databases.blank()
    target = make_app(target_url)
    restored = target.test_cli_runner().invoke(args=["consult", "restore", str(dump_file)])
    assert restored.exit_code == 0, restored.output
    assert table_rows(target) == expected

    with target.app_context():  # the restored database keeps working: new ids, search
        session = get_session()
        expert = factories.user(session, "expert")
        fresh = comments.post_on_paragraph(session, expert, factories.paragraphs(session)[5].uid,
                                           CommentInput(body="After the restore.", type="general"))
        session.commit()
        assert fresh.id > max(row["id"] for row in expected["comment"])
        from consult.models import Comment

        found = session.scalars(select(Comment.id).where(search.matching(session, "edited"))).all()
        assert found == [r["id"] for r in expected["comment"] if r["body"] == "Edited ✓."]

    again = target.test_cli_runner().invoke(args=["consult", "restore", str(dump_file)])
    assert again.exit_code == 1 and "not empty" in again.output
    dispose(target)
    databases.drop(target_url)
