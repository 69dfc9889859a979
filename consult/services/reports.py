"""The disposition-of-comments report, in the comment template's column order: CSV, XLSX, DOCX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from consult.models import DECISION_LABELS, Comment, CommentState, Decision, Module, ParagraphVersion, StakeholderGroup, Version

COLUMNS = [
    "Organisation / member body",
    "Line number",
    "Clause/subclause",
    "Paragraph/figure/table",
    "Type of comment",
    "Comments",
    "Proposed change",
    "Observations of the secretariat",
]
FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
}
BATCH = 1_000


def rows(session: Session, module: Module) -> Iterator[list[str]]:
    """One row per comment (replies and hidden comments left out), in the order of the text."""
    statement = (
        select(Comment)
        .join(Comment.version)
        .outerjoin(ParagraphVersion, ParagraphVersion.id == Comment.paragraph_version_id)
        .where(Comment.module_id == module.id, Comment.parent_id.is_(None), Comment.state != CommentState.HIDDEN)
        .options(joinedload(Comment.author), joinedload(Comment.paragraph_version), joinedload(Comment.disposition))
        .order_by(Version.number, ParagraphVersion.position.nulls_first(), Comment.id)
        .execution_options(yield_per=BATCH)
    )
    for comment in session.scalars(statement):
        yield row_for(comment)


def row_for(comment: Comment) -> list[str]:
    author = comment.author
    member = author.country if author.stakeholder_group is StakeholderGroup.MEMBER_STATE else author.organisation
    paragraph = comment.paragraph_version
    if paragraph is None:
        line, clause, part = "", "General", ""
    else:
        line, clause = paragraph.reference, paragraph.clause or "Title"
        part = paragraph.reference[len(paragraph.clause):].strip() if paragraph.reference.startswith(paragraph.clause) else paragraph.reference
    return [member or author.name, line, clause, part, comment.type.code, comment.body,
            comment.proposed_change or "", observations(comment)]


def observations(comment: Comment) -> str:
    disposition = comment.disposition
    if disposition is None:
        return "Withdrawn by the author." if comment.state is CommentState.WITHDRAWN else ""
    label = DECISION_LABELS[disposition.decision]
    if disposition.decision is Decision.DUPLICATE and disposition.duplicate_of_id:
        label = f"Duplicate of comment #{disposition.duplicate_of_id}"
    return f"{label}. {disposition.response}".strip() if disposition.response else f"{label}."


def write_csv(session: Session, module: Module, out) -> None:
    for chunk in csv_chunks(session, module):
        out.write(chunk)


def csv_chunks(session: Session, module: Module) -> Iterator[str]:
    """The CSV report in pieces, for a streamed download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for n, row in enumerate(rows(session, module), start=1):
        writer.writerow([spreadsheet_safe(value) for value in row])
        if n % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(session: Session, module: Module, path) -> None:
    """A workbook in write-only mode: rows go to disk as they come, memory stays flat."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Disposition of comments")
    for letter, width in zip("ABCDEFGH", (24, 12, 14, 16, 10, 60, 60, 50)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    header = []
    for title in COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows(session, module):
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # always text: a comment starting with "=" is not a formula
            cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)
    workbook.save(path)


def spreadsheet_safe(value: str) -> str:
    """CSV text a spreadsheet will not run as a formula: a leading = + - @ gets a quote mark."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_docx(session: Session, module: Module, path) -> None:
    """A landscape Word document holding the report as one table."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(8)
    document.add_heading(f"{module.code} {module.title}: disposition of comments", level=1)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, COLUMNS):
        cell.text = title
        for run in cell.paragraphs[0].runs:
            run.font.bold = True
    for row in rows(session, module):
        for cell, value in zip(table.add_row().cells, row):
            cell.text = value
    document.save(path)
