"""`flask consult init` and `flask consult import` against a real SQLite database."""

from __future__ import annotations

import shutil

from sqlalchemy import func, select

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


def test_init_creates_schema_imports_modules_and_is_idempotent(tmp_path):
    modules = tmp_path / "modules"
    shutil.copytree(PROJECT_ROOT / "modules", modules)
    app = make_app(tmp_path / "fresh.sqlite3", MODULES_DIR=str(modules))
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


def test_init_reports_a_bad_file_and_still_imports_the_good_ones(tmp_path):
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "a-good.md").write_text(GOOD)
    (modules / "b-bad.md").write_text("# no front matter\n")
    app = make_app(tmp_path / "db.sqlite3", MODULES_DIR=str(modules))
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


def test_import_of_an_existing_module_does_not_overwrite_it(app, tmp_path):
    changed = tmp_path / "isacs-05-30.md"
    changed.write_text((PROJECT_ROOT / "modules" / "isacs-05-30.md").read_text() + "\nAn extra paragraph.\n")
    before = counts(app)
    result = app.test_cli_runner().invoke(args=["consult", "import", str(changed)])
    assert result.exit_code == 1
    assert "already published" in result.output
    assert counts(app) == before
