"""Reading module sources: Markdown with YAML front matter, one paragraph per block.

`parse_source` turns a file's text into a `ModuleSource` (or raises `SourceError`
naming the file and line); it touches no database. The format is described in
docs/module-format.md.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from consult.models import ParagraphKind

FRONT_MATTER_KEYS = ("code", "slug", "title", "deadline")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
UID_PATTERN = r"[A-Za-z0-9_-]{3,40}"
UID_LINE = re.compile(rf"^\{{#({UID_PATTERN})\}}\s*$")
HEADING_UID = re.compile(rf"^(#{{1,6}}\s.*?)\s*\{{#({UID_PATTERN})\}}\s*$")
LOOSE_UID = re.compile(r"\{#[^}]*\}\s*$")
NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\s+\S")
ANNEX_HEADING = re.compile(r"^Annex\s+([A-Z])\b")
ANNEX_SUBCLAUSE = re.compile(r"^([A-Z](?:\.\d+)+)\s+\S")
NOTE_START = re.compile(r"^NOTE(?:\s+\d+)?(?:\s|$)")
EXAMPLE_START = re.compile(r"^EXAMPLE(?:\s+\d+)?(?:\s|$)")
LIST_MARKER = re.compile(r"^\s*(?:\d{1,9}[.)]|[-*+])(?:\s+|$)")
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class SourceError(ValueError):
    """A module source that cannot be imported, with where and why."""

    def __init__(self, filename: str, line: int | None, message: str):
        self.filename, self.line, self.message = filename, line, message
        where = f"{filename}:{line}" if line else filename
        super().__init__(f"{where}: {message}")


@dataclass
class Block:
    """One commentable paragraph of a source, headings included."""

    kind: ParagraphKind
    text: str
    line: int  # 1-based line in the file
    clause: str = ""
    level: int = 0
    uid: str | None = None
    ordered: bool = False  # for list items: lettered (ordered) or dashed


@dataclass
class ModuleSource:
    filename: str
    code: str
    slug: str
    title: str
    deadline: date
    blocks: list[Block] = field(default_factory=list)


def read_source(path: str | Path) -> ModuleSource:
    """Parse a module file, turning an unreadable file into a SourceError too."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(str(path), None, f"cannot be read: {error}") from error
    return parse_source(text, str(path))


def parse_source(text: str, filename: str = "<source>") -> ModuleSource:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, body_start = _front_matter(lines, filename)
    source = ModuleSource(filename=filename, blocks=[], **meta)
    body = lines[body_start:]
    uid_at_line = _take_uids(body, filename, body_start)
    source.blocks = _blocks(body, filename, body_start, uid_at_line)
    _check_uids(source)
    return source


def _front_matter(lines: list[str], filename: str) -> tuple[dict, int]:
    if not lines or lines[0].strip() != "---":
        raise SourceError(filename, 1, "no front matter: the file must start with a '---' line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise SourceError(filename, 1, "the front matter is not closed by a '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise SourceError(filename, line, f"the front matter is not valid YAML: {error}") from None
    if not isinstance(meta, dict):
        raise SourceError(filename, 2, "the front matter must be a set of key: value lines")

    def line_of(key: str) -> int:
        for i in range(1, end):
            if lines[i].startswith(f"{key}:"):
                return i + 1
        return 1

    missing = [key for key in FRONT_MATTER_KEYS if meta.get(key) in (None, "")]
    if missing:
        raise SourceError(filename, 1, "the front matter lacks " + ", ".join(missing))
    slug = str(meta["slug"])
    if not SLUG_PATTERN.match(slug):
        raise SourceError(filename, line_of("slug"), f"slug {slug!r} must be lower-case words joined by hyphens")
    deadline = meta["deadline"]
    if not isinstance(deadline, date):
        try:
            deadline = date.fromisoformat(str(deadline))
        except ValueError:
            raise SourceError(filename, line_of("deadline"), f"deadline {deadline!r} is not an ISO date (YYYY-MM-DD)") from None
    fields = {"code": str(meta["code"]).strip(), "slug": slug, "title": str(meta["title"]).strip(), "deadline": deadline}
    return fields, end + 1


def _take_uids(body: list[str], filename: str, offset: int) -> dict[int, str]:
    """Remove {#uid} markers from the body (in place) and say which line each belongs to.

    A uid line is blanked so line numbers stay true; it belongs to the block that starts
    on the next line. A heading's trailing {#uid} belongs to the heading's own line.
    """
    uid_at_line: dict[int, str] = {}
    for i, line in enumerate(body):
        if match := UID_LINE.match(line.strip()):
            if i + 1 >= len(body) or not body[i + 1].strip():
                raise SourceError(filename, offset + i + 1, f"{{#{match[1]}}} is not directly followed by a block")
            uid_at_line[i + 1] = match[1]
            body[i] = ""
        elif match := HEADING_UID.match(line):
            uid_at_line[i] = match[2]
            body[i] = match[1]
        elif line.lstrip().startswith("#") and LOOSE_UID.search(line):
            raise SourceError(filename, offset + i + 1, "malformed {#uid}: use 3 to 40 letters, digits, '-' or '_'")
        elif line.strip().startswith("{#"):
            raise SourceError(filename, offset + i + 1, "malformed {#uid}: use 3 to 40 letters, digits, '-' or '_'")
    return uid_at_line


_parser = MarkdownIt("commonmark", {"html": False}).enable("table")


def _blocks(body: list[str], filename: str, offset: int, uid_at_line: dict[int, str]) -> list[Block]:
    tokens = _parser.parse("\n".join(body))
    blocks: list[Block] = []
    used_uids: set[int] = set()
    headings: list[Block] = []  # the open heading at each level
    seen_clauses: dict[str, int] = {}
    i = 0

    def source_of(token) -> str:
        start, end = token.map
        return "\n".join(body[start:end]).strip("\n")

    def add(kind: ParagraphKind, token, text: str, **extra) -> Block:
        start = token.map[0]
        if not headings:
            raise SourceError(filename, offset + start + 1, "text before the first heading: every block belongs under a heading")
        uid = uid_at_line.get(start)
        if uid is not None:
            used_uids.add(start)
        block = Block(kind=kind, text=text, line=offset + start + 1, uid=uid, clause=headings[-1].clause, **extra)
        blocks.append(block)
        return block

    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            text = tokens[i + 1].content.strip()
            line = offset + token.map[0] + 1
            clause = _clause_of(level, text, headings, filename, line)
            if clause in seen_clauses and level > 1:
                raise SourceError(filename, line, f"clause {clause} already appears on line {seen_clauses[clause]}")
            seen_clauses[clause] = line
            while headings and headings[-1].level >= level:
                headings.pop()
            block = Block(kind=ParagraphKind.HEADING, text=text, line=line, clause=clause, level=level,
                          uid=uid_at_line.get(token.map[0]))
            if block.uid is not None:
                used_uids.add(token.map[0])
            headings.append(block)
            blocks.append(block)
            i += 3
        elif token.type == "paragraph_open":
            text = source_of(token)
            kind = ParagraphKind.PARAGRAPH
            if NOTE_START.match(text):
                kind = ParagraphKind.NOTE
            elif EXAMPLE_START.match(text):
                kind = ParagraphKind.EXAMPLE
            add(kind, token, text)
            i = _skip_to_close(tokens, i)
        elif token.type in ("ordered_list_open", "bullet_list_open"):
            ordered = token.type == "ordered_list_open"
            close = _skip_to_close(tokens, i)
            j = i + 1
            while j < close - 1:
                item = tokens[j]
                item_close = _skip_to_close(tokens, j)
                if any(t.type.endswith("list_open") for t in tokens[j + 1:item_close]):
                    raise SourceError(filename, offset + item.map[0] + 1, "nested lists are not supported: make each item one paragraph")
                add(ParagraphKind.LIST_ITEM, item, _item_text(body, item), ordered=ordered)
                j = item_close
            i = close
        elif token.type in ("table_open", "blockquote_open"):
            kind = ParagraphKind.TABLE if token.type == "table_open" else ParagraphKind.QUOTE
            add(kind, token, source_of(token))
            i = _skip_to_close(tokens, i)
        elif token.type in ("fence", "code_block", "html_block"):
            add(ParagraphKind.PARAGRAPH, token, source_of(token))
            i += 1
        else:  # hr and anything that carries no text
            i += 1

    for line_index, uid in uid_at_line.items():
        if line_index not in used_uids:
            raise SourceError(filename, offset + line_index, f"{{#{uid}}} does not stand directly before a block")
    if not any(b.kind is ParagraphKind.HEADING for b in blocks):
        raise SourceError(filename, offset + 1, "no headings: clauses are given by '#' headings")
    return blocks


def _skip_to_close(tokens, i: int) -> int:
    """Index just past the token that closes tokens[i]."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j + 1
    return len(tokens)


def _item_text(body: list[str], item) -> str:
    start, end = item.map
    lines = body[start:end]
    first = LIST_MARKER.sub("", lines[0], count=1)
    rest = [line.strip() for line in lines[1:]]
    return "\n".join([first.strip(), *rest]).strip()


def _clause_of(level: int, text: str, open_headings: list[Block], filename: str, line: int) -> str:
    """The clause a heading names, checked against the heading it sits under."""
    if level == 1:
        if open_headings:
            raise SourceError(filename, line, "only the first heading may be a '#' title")
        return ""
    parents = [h for h in open_headings if h.level < level]
    parent = parents[-1] if parents else None
    if parent is None or parent.level != level - 1:
        if level > 2:
            raise SourceError(filename, line, f"heading level {level} does not follow a level {level - 1} heading")
    if level == 2:
        if match := NUMBERED_HEADING.match(text):
            number = match[1]
            if "." in number:
                raise SourceError(filename, line, f"clause {number} is a subclause: use '###' and nest it under its clause")
            return number
        if match := ANNEX_HEADING.match(text):
            return match[1]
        return text
    match = NUMBERED_HEADING.match(text) or ANNEX_SUBCLAUSE.match(text)
    if not match:
        raise SourceError(filename, line, f"subclause heading {text!r} needs a number (e.g. '5.1 …')")
    number = match[1]
    expected_parent = number.rsplit(".", 1)[0]
    if parent.clause != expected_parent:
        raise SourceError(filename, line, f"subclause {number} sits under clause {parent.clause or 'title'}, not {expected_parent}")
    return number


def derive_uid(slug: str, text: str, occurrence: int) -> str:
    """A uid for a block that has none: stable for the same module, text and repeat count."""
    digest = hashlib.sha1(f"{slug}\n{occurrence}\n{text}".encode()).digest()
    return base64.b32encode(digest).decode().lower()[:10]


def _check_uids(source: ModuleSource) -> None:
    seen: dict[str, int] = {}
    for block in source.blocks:
        if block.uid is not None:
            if block.uid in seen:
                raise SourceError(source.filename, block.line, f"duplicate uid {block.uid!r} (first on line {seen[block.uid]})")
            seen[block.uid] = block.line
    repeats: Counter[str] = Counter()
    for block in source.blocks:
        if block.uid is None:
            repeats[block.text] += 1
            block.uid = derive_uid(source.slug, block.text, repeats[block.text])
            while block.uid in seen:  # a derived uid never takes one the author chose
                repeats[block.text] += 1
                block.uid = derive_uid(source.slug, block.text, repeats[block.text])
            seen[block.uid] = block.line


def assign_references(blocks: list[Block]) -> list[tuple[str, str]]:
    """How each block is cited ("5.3 (b)") and its list marker, in order."""
    result = []
    counters: Counter[tuple[str, str]] = Counter()
    tables = 0
    previous_kind = None
    list_index = 0
    for block in blocks:
        marker = ""
        kind = block.kind
        if kind is ParagraphKind.HEADING:
            reference = block.clause or "Title"
        elif kind is ParagraphKind.LIST_ITEM:
            list_index = list_index + 1 if previous_kind is ParagraphKind.LIST_ITEM else 1
            if block.ordered:
                marker = f"{LETTERS[(list_index - 1) % 26]})"
                reference = f"{block.clause} ({marker[:-1]})"
            else:
                marker = "—"
                counters[(block.clause, "item")] += 1
                reference = f"{block.clause} ¶{counters[(block.clause, 'paragraph')]}–{list_index}"
        elif kind is ParagraphKind.TABLE:
            tables += 1
            reference = f"Table {tables}"
        elif kind in (ParagraphKind.NOTE, ParagraphKind.EXAMPLE):
            counters[(block.clause, kind.value)] += 1
            reference = f"{block.clause} {kind.value.upper()} {counters[(block.clause, kind.value)]}"
        else:
            counters[(block.clause, "paragraph")] += 1
            reference = f"{block.clause} ¶{counters[(block.clause, 'paragraph')]}"
        previous_kind = kind
        result.append((reference.strip(), marker))
    return result
