"""`flask consult init` and `flask consult import` against a real SQLite database."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select, text

from consult.config import PROJECT_ROOT
from consult.db import get_session
from consult.models import Module, Paragraph, ParagraphVersion, Version
from tests.conftest import make_app

GOOD = "---\ncode: ISACS 99.01\nslug: sample\ntitle: Sample\ndeadline: 2030-01-31\n---\n# Sample\n\n## 1 Scope\n\nText.\n"


def counts(app) -> tuple[int, ...]:
    with app.app_context():
        session = get_session()
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Module, Version, Paragraph, ParagraphVersion))


def test_init_creates_schema_imports_modules_and_is_idempotent(tmp_path, databases):
    modules = tmp_path / "modules"
    shutil.copytree(PROJECT_ROOT / "modules", modules)
    app = make_app(databases.blank(), MODULES_DIR=str(modules))
    runner = app.test_cli_runner()

    first = runner.invoke(args=["consult", "init"])
    assert first.exit_code == 0, first.output
    assert "imported ISACS 05.30 as Draft 1" in first.output
    assert "imported ISACS 05.31 as Draft 1" in first.output
    after_first = counts(app)
    assert after_first[:2] == (2, 2)

    second = runner.invoke(args=["consult", "init"])
    assert second.exit_code == 0, second.output
    assert "schema: up to date" in second.output
    assert "already imported" in second.output
    assert counts(app) == after_first


def test_init_reports_a_bad_file_and_still_imports_the_good_ones(tmp_path, databases):
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "a-good.md").write_text(GOOD)
    (modules / "b-bad.md").write_text("# no front matter\n")
    app = make_app(databases.blank(), MODULES_DIR=str(modules))
    result = app.test_cli_runner().invoke(args=["consult", "init"])
    assert result.exit_code == 1
    assert "b-bad.md:1: no front matter" in result.output
    assert counts(app)[:2] == (1, 1)


def test_import_of_a_malformed_file_names_the_line_and_writes_nothing(empty_app, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(GOOD + "\n## 2 Next {#dup-uid}\n\n## 3 Again {#dup-uid}\n")
    result = empty_app.test_cli_runner().invoke(args=["consult", "import", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:15: duplicate uid 'dup-uid' (first on line 13)" in result.output
    assert counts(empty_app) == (0, 0, 0, 0)


def test_import_refuses_a_uid_held_by_another_module_and_writes_nothing(empty_app, tmp_path):
    first = tmp_path / "first.md"
    first.write_text(GOOD.replace("## 1 Scope", "## 1 Scope {#shared-uid}"))
    second = tmp_path / "second.md"
    second.write_text(first.read_text().replace("slug: sample", "slug: other"))
    runner = empty_app.test_cli_runner()
    assert runner.invoke(args=["consult", "import", str(first)]).exit_code == 0
    result = runner.invoke(args=["consult", "import", str(second)])
    assert result.exit_code == 1
    assert "uid 'shared-uid' already belongs to another paragraph" in result.output
    assert counts(empty_app) == (1, 1, 3, 3)


def test_import_of_a_missing_file_is_a_clear_error(empty_app, tmp_path):
    result = empty_app.test_cli_runner().invoke(args=["consult", "import", str(tmp_path / "nope.md")])
    assert result.exit_code == 1
    assert "nope.md: cannot be read" in result.output


def test_user_create_reads_the_password_from_stdin(empty_app):
    from consult.services import accounts

    runner = empty_app.test_cli_runner()
    result = runner.invoke(args=["consult", "user", "create", "Chair@Example.org", "--role", "editor",
                                 "--name", "Meeting Chair", "--organisation", "MGE", "--country", "nz",
                                 "--group", "member_state", "--password-stdin"], input="a secret passphrase\n")
    assert result.exit_code == 0, result.output
    assert "created editor chair@example.org" in result.output
    with empty_app.app_context():
        user = accounts.authenticate(get_session(), "chair@example.org", "a secret passphrase")
        assert (user.role.value, user.country, user.organisation) == ("editor", "NZ", "MGE")
    again = runner.invoke(args=["consult", "user", "create", "chair@example.org", "--name", "X",
                                "--password-stdin"], input="another passphrase\n")
    assert again.exit_code == 1 and "already exists" in again.output
    weak = runner.invoke(args=["consult", "user", "create", "w@example.org", "--name", "W", "--country", "FR",
                               "--password-stdin"], input="short\n")
    assert weak.exit_code == 1 and "--password: Use at least 10 characters." in weak.output


def test_demo_seeds_accounts_and_comments_once(app):
    from consult.models import Comment, User

    runner = app.test_cli_runner()
    first = runner.invoke(args=["consult", "demo"])
    assert first.exit_code == 0, first.output
    for role in ("expert", "editor", "facilitator", "admin"):
        assert f"{role}@example.org" in first.output and f"demo-{role}-password" in first.output
    with app.app_context():
        session = get_session()
        comments_made = session.scalar(select(func.count()).select_from(Comment))
        replies = session.scalar(select(func.count()).select_from(Comment).where(Comment.parent_id.is_not(None)))
        users = session.scalar(select(func.count()).select_from(User))
    assert comments_made >= 40 and replies >= 10
    second = runner.invoke(args=["consult", "demo"])
    assert second.exit_code == 0 and "already present" in second.output
    with app.app_context():
        session = get_session()
        assert session.scalar(select(func.count()).select_from(Comment)) == comments_made
        assert session.scalar(select(func.count()).select_from(User)) == users


def test_import_of_an_edited_module_proposes_a_revision_set_or_publishes_it(app, tmp_path):
    from consult.services import drafts, revisions

    runner = app.test_cli_runner()
    exported = tmp_path / "isacs-05-31.md"
    result = runner.invoke(args=["consult", "export", "isacs-05-31", "--format", "md", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    unchanged = runner.invoke(args=["consult", "import", str(exported)])
    assert unchanged.exit_code == 0 and "no change" in unchanged.output

    text = exported.read_text()
    first_uid_line = text.index("\n{#")
    exported.write_text(text[:first_uid_line] + "\n\nA new opening paragraph.\n" + text[first_uid_line:])
    proposed = runner.invoke(args=["consult", "import", str(exported)])
    assert proposed.exit_code == 0, proposed.output
    assert "1 insert" in proposed.output and "is open for the editors" in proposed.output
    with app.app_context():
        module = drafts.get_module(get_session(), "isacs-05-31")
        assert revisions.current_set(get_session(), module) is not None
        assert drafts.get_version(get_session(), module).number == 1
    blocked = runner.invoke(args=["consult", "import", str(exported), "--publish"])
    assert blocked.exit_code == 1 and "already has an open revision set" in blocked.output


def test_import_publish_makes_the_next_draft_at_once(app, tmp_path):
    from consult.services import drafts

    runner = app.test_cli_runner()
    exported = tmp_path / "isacs-05-30.md"
    runner.invoke(args=["consult", "export", "isacs-05-30", "--format", "md", "-o", str(exported)])
    exported.write_text(exported.read_text().replace("## Foreword", "## Foreword to this draft", 1))
    result = runner.invoke(args=["consult", "import", str(exported), "--publish"])
    assert result.exit_code == 0, result.output
    assert "published ISACS 05.30 Draft 2" in result.output
    with app.app_context():
        version = drafts.get_version(get_session(), drafts.get_module(get_session(), "isacs-05-30"))
        assert version.number == 2
        assert any(p.text == "Foreword to this draft" for p in drafts.paragraphs_of(get_session(), version))


def test_export_writes_each_report_format(app, tmp_path):
    runner = app.test_cli_runner()
    for fmt, magic in (("csv", b"Organisation"), ("xlsx", b"PK"), ("docx", b"PK")):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(args=["consult", "export", "isacs-05-30", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)
    missing = runner.invoke(args=["consult", "export", "nope", "--format", "csv", "-o", str(tmp_path / "x.csv")])
    assert missing.exit_code == 1 and "no module 'nope'" in missing.output


def test_demo_adds_synthetic_comments_in_bulk(app):
    from consult.models import Comment, Disposition, Module, Paragraph
    from consult.services import search

    result = app.test_cli_runner().invoke(args=["consult", "demo", "--comments", "2000"])
    assert result.exit_code == 0, result.output
    assert "synthetic comments: 2,000 added" in result.output
    with app.app_context():
        session = get_session()
        total = session.scalar(select(func.count()).select_from(Comment))
        replies = session.scalar(select(func.count()).select_from(Comment).where(Comment.parent_id.is_not(None)))
        proposals = session.scalar(select(func.count()).select_from(Comment).where(Comment.proposed_change.is_not(None)))
        decided = session.scalar(select(func.count()).select_from(Disposition))
        authors = session.scalar(select(func.count(func.distinct(Comment.author_id))))
        assert total >= 2000 and replies > 200 and proposals > 100 and decided > 300 and authors > 100
        # maintained counts agree with the rows, and search sees the new text
        assert session.scalar(select(func.sum(Module.comment_count))) == total
        assert session.scalar(select(func.sum(Paragraph.comment_count))) + \
            session.scalar(select(func.sum(Module.general_comment_count))) == total
        assert session.scalars(select(Comment.id).where(search.matching(session, "polymer frames"))).first()
        newest = session.scalar(select(func.max(Comment.id)))
    with app.app_context():  # ids keep counting after a bulk load
        from consult.services import comments as comment_service
        from consult.services.comments import CommentInput
        from tests import factories

        session = get_session()
        fresh = comment_service.post_on_module(session, factories.user(session, "expert"), "isacs-05-31",
                                               CommentInput(body="After the bulk load.", type="general"))
        session.commit()
        assert fresh.id > newest


def test_analyze_gives_the_planner_statistics_on_either_database(app):
    result = app.test_cli_runner().invoke(args=["consult", "analyze"])
    assert result.exit_code == 0 and "planner statistics refreshed" in result.output
    with app.app_context():
        session = get_session()
        if session.get_bind().dialect.name == "sqlite":
            analysed = session.scalars(text("SELECT DISTINCT tbl FROM sqlite_stat1")).all()
        else:
            analysed = session.scalars(text(
                "SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL")).all()
        assert {"paragraph_version", "paragraph"} <= set(analysed)
