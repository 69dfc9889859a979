"""The disposition-of-comments report in three formats, read back with their own libraries."""

from __future__ import annotations

import csv
import io

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl import load_workbook

from consult.services import comments, dispositions, drafts, reports
from consult.services.comments import CommentInput
from tests import factories


@pytest.fixture
def report_module(session):
    """Comments covering every column: a State and an organisation, all types, a general
    comment, a proposed change, each kind of disposition, a withdrawn, a hidden and a reply."""
    expert, other, editor = (factories.user(session, k) for k in ("expert", "other_expert", "editor"))
    paragraphs = factories.paragraphs(session)
    table = next(p for p in paragraphs if p.kind.value == "table")
    item = next(p for p in paragraphs if p.kind.value == "list_item" and p.marker.endswith(")"))
    comments.post_on_module(session, other, "isacs-05-30", CommentInput(body="Overall, good.", type="general"))
    on_table = factories.comment(session, expert, table.uid, body="=SUM(A1) looks like a formula", type="technical",
                                 proposed_change="| a |\n|---|\n| 1 |")
    on_item = factories.comment(session, other, item.uid, body="Typo here.", type="editorial")
    duplicate = factories.comment(session, expert, item.uid, body="Same typo.", type="editorial")
    withdrawn = factories.comment(session, expert, paragraphs[2].uid, body="Never mind.", type="general")
    comments.withdraw(session, expert, withdrawn.id)
    hidden = factories.comment(session, other, paragraphs[2].uid, body="Abusive.", type="general")
    comments.hide(session, editor, hidden.id, "Abuse.")
    factories.comment(session, expert, item.uid, body="A reply.", parent=on_item)
    decide = lambda c, d, r="", dup=None: dispositions.decide(  # noqa: E731
        session, editor, c.id, dispositions.DispositionInput(decision=d, response=r, duplicate_of=dup, revision=0))
    decide(on_table, "rejected", "Tables stay as they are.")
    decide(on_item, "accepted")
    decide(duplicate, "duplicate", "", on_item.id)
    session.flush()
    return {
        "module": drafts.get_module(session, "isacs-05-30"),
        "expected": [
            ["Research Institute (test)", "", "General", "", "ge", "Overall, good.", "", ""],
            ["MX", table.reference, table.clause, table.reference, "te", "=SUM(A1) looks like a formula",
             "| a |\n|---|\n| 1 |", "Rejected. Tables stay as they are."],
            ["Research Institute (test)", item.reference, item.clause, item.reference[len(item.clause):].strip(),
             "ed", "Typo here.", "", "Accepted."],
            ["MX", item.reference, item.clause, item.reference[len(item.clause):].strip(), "ed", "Same typo.", "",
             f"Duplicate of comment #{on_item.id}."],
            ["MX", paragraphs[2].reference, paragraphs[2].clause, paragraphs[2].reference[len(paragraphs[2].clause):].strip(),
             "ge", "Never mind.", "", "Withdrawn by the author."],
        ],
    }


def ordered(rows, expected):
    """Rows sorted like the expectation (the report orders by position in the text)."""
    return sorted(rows, key=lambda r: [e[5] for e in expected].index(r[5]))


def test_rows_follow_the_comment_template(session, report_module):
    rows = list(reports.rows(session, report_module["module"]))
    assert ordered(rows, report_module["expected"]) == report_module["expected"]
    assert rows[0][2] == "General"  # the whole-module comment comes first


def test_csv_report_cell_by_cell(session, report_module):
    out = io.StringIO()
    reports.write_csv(session, report_module["module"], out)
    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == reports.COLUMNS
    expected = [[reports.spreadsheet_safe(v) for v in row] for row in report_module["expected"]]
    assert ordered(rows, expected) == expected
    assert "'=SUM(A1) looks like a formula" in out.getvalue()  # a formula is never live in a spreadsheet


def test_xlsx_report_cell_by_cell(session, report_module, tmp_path):
    path = tmp_path / "report.xlsx"
    reports.write_xlsx(session, report_module["module"], path)
    sheet = load_workbook(path, read_only=True).active
    header, *rows = [[cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert header == reports.COLUMNS
    assert ordered(rows, report_module["expected"]) == report_module["expected"]
    formula_cell = next(c for row in load_workbook(path).active.iter_rows() for c in row if c.value and str(c.value).startswith("=SUM"))
    assert formula_cell.data_type == "s"


def test_docx_report_cell_by_cell(session, report_module, tmp_path):
    path = tmp_path / "report.docx"
    reports.write_docx(session, report_module["module"], path)
    document = Document(path)
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.sections[0].page_width > document.sections[0].page_height
    [table] = document.tables
    header, *rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert header == reports.COLUMNS
    assert ordered(rows, report_module["expected"]) == report_module["expected"]
