"""The editors' view of every comment on a module: filters, search, sorting, pages, counts."""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from consult.models import (
    Comment,
    CommentState,
    CommentType,
    Decision,
    LiveSession,
    Module,
    ParagraphVersion,
    StakeholderGroup,
    User,
    Version,
)
from consult.services import paging, search

PAGE_SIZE = 50
UNDECIDED = "undecided"
STATES = [UNDECIDED, *(d.value for d in Decision), "withdrawn", "hidden"]
STATE_LABELS = {UNDECIDED: "Undecided", **{d.value: d.label for d in Decision},
                "withdrawn": "Withdrawn", "hidden": "Hidden"}
SORTS = {
    "newest": [Comment.id.desc()],
    "oldest": [Comment.id],
    "clause": [Version.number, ParagraphVersion.position, Comment.id],
    "type": [Comment.type, Comment.id],
    "author": [User.name, Comment.id],
    "organisation": [User.organisation, Comment.id],
    "country": [User.country, Comment.id],
    "state": [Comment.decision, Comment.id],
}


@dataclass
class TriageFilters:
    clause: str = ""
    type: str = ""
    state: str = ""
    country: str = ""
    group: str = ""
    organisation: str = ""
    draft: str = ""
    q: str = ""
    live: str = ""  # a live session's id: comments made during that side-event
    sort: str = "oldest"
    page: int = 1

    @classmethod
    def from_args(cls, args) -> TriageFilters:
        values = {f.name: (args.get(f.name) or "").strip() for f in fields(cls) if f.name != "page"}
        page = args.get("page", "1")
        values["page"] = max(1, int(page)) if str(page).isdigit() else 1
        if values["sort"] not in SORTS:
            values["sort"] = "oldest"
        return cls(**values)

    def as_args(self, **override) -> dict:
        """The filters as query arguments (empty ones left out), for links."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(override)
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}


@dataclass
class TriagePage:
    comments: list  # rows of _ROW
    total: int
    counts: dict[str, int]
    page: int
    pages: int


def _conditions(session: Session, module: Module, f: TriageFilters, *, with_state: bool = True):
    """The filters as WHERE conditions on the module's top-level comments, and the tables they need."""
    needs: set[str] = set()
    conditions = [Comment.module_id == module.id, Comment.parent_id.is_(None)]
    if f.clause:
        if f.clause.lower() == "general":
            conditions.append(Comment.paragraph_id.is_(None))
        else:
            needs.add("paragraph")
            conditions.append((ParagraphVersion.clause == f.clause) | ParagraphVersion.clause.startswith(f.clause + "."))
    if f.type in {t.value for t in CommentType}:
        conditions.append(Comment.type == CommentType(f.type))
    if f.country:
        needs.add("author")
        conditions.append(User.country == f.country.upper())
    if f.group in {g.value for g in StakeholderGroup}:
        needs.add("author")
        conditions.append(User.stakeholder_group == StakeholderGroup(f.group))
    if f.organisation:
        needs.add("author")
        conditions.append(func.lower(User.organisation).contains(f.organisation.lower(), autoescape=True))
    if f.live.isdigit():
        conditions.append(Comment.live_session_id == int(f.live))
    if f.draft.isdigit():
        needs.add("version")
        conditions.append(Version.number == int(f.draft))
    if f.q and (clause := search.matching(session, f.q)) is not None:
        conditions.append(clause)
    if f.state and with_state:
        conditions += _state_conditions(f.state)
    return conditions, needs


def _joined(statement, needs: set[str]):
    """`statement` joined to the tables named in `needs`, and no others: the counts join only what
    their filters read, so the commonest views (by type, by state, searched) count from the
    comment indexes alone."""
    if "author" in needs:
        statement = statement.join(User, User.id == Comment.author_id)
    if "version" in needs:
        statement = statement.join(Version, Version.id == Comment.version_id)
    if "paragraph" in needs:
        statement = statement.outerjoin(ParagraphVersion, ParagraphVersion.id == Comment.paragraph_version_id)
    return statement


def _state_conditions(state: str) -> list:
    if state == UNDECIDED:
        return [Comment.decision.is_(None), Comment.state == CommentState.OPEN]
    if state in ("withdrawn", "hidden"):
        return [Comment.state == CommentState(state)]
    if state in {d.value for d in Decision}:
        return [Comment.decision == state]
    return []


def state_counts(session: Session, module: Module, f: TriageFilters) -> dict[str, int]:
    """How many top-level comments under the filters (all but the state one) are in each state."""
    conditions, needs = _conditions(session, module, f, with_state=False)
    counts_query = _joined(select(Comment.decision, Comment.state, func.count()).select_from(Comment), needs) \
        .where(*conditions).group_by(Comment.decision, Comment.state)
    counts = dict.fromkeys(STATES, 0)
    for decision, state, n in session.execute(counts_query):
        if state is CommentState.HIDDEN:
            counts["hidden"] += n
        elif state is CommentState.WITHDRAWN and decision is None:
            counts["withdrawn"] += n
        elif decision is None:
            counts[UNDECIDED] += n
        else:
            counts[decision] += n
    counts["all"] = sum(counts[s] for s in STATES)
    return counts


# What a row of the table shows, and no more, as plain columns: the paragraph's reference but
# not its text, whether the comment proposes a change but not the proposal, and the start of
# the comment (the table shows 160 characters; a few more tell the template where to cut).
_ROW = select(
    Comment.id, Comment.type, Comment.state, Comment.decision,
    func.substr(Comment.body, 1, 200).label("excerpt"),
    Comment.proposed_change.is_not(None).label("proposes"),
    User.name.label("author_name"), User.organisation.label("author_organisation"),
    User.country.label("author_country"), User.stakeholder_group.label("author_group"),
    Version.number.label("draft"), ParagraphVersion.reference,
).select_from(Comment)


def counts_key(module: Module, f: TriageFilters) -> tuple | None:
    """What the counts per state under `f` depend on, as a key for keeping them: the module's
    comment stamp (which moves on any write to its comments) and every filter but the state.
    None when a filter reads the authors' profiles, which change apart from the comments."""
    if f.country or f.group or f.organisation:
        return None
    return (module.id, module.comment_stamp, f.clause, f.type, f.live, f.draft, tuple(search.words_of(f.q)))


def kept_state_counts(session: Session, module: Module, f: TriageFilters, kept=None) -> dict[str, int]:
    """`state_counts`, taken from `kept` (a cache with get(key, compute)) while the key holds."""
    key = counts_key(module, f) if kept is not None else None
    if key is None:
        return state_counts(session, module, f)
    return dict(kept.get(key, lambda: state_counts(session, module, f)))  # a copy: the kept one is shared


def triage(session: Session, module: Module, f: TriageFilters, kept=None) -> TriagePage:
    """One page of the module's comments under the filters, with counts per state (from `kept`
    while the module's comments have not changed)."""
    counts = kept_state_counts(session, module, f, kept)
    total = counts.get(f.state, counts["all"]) if f.state else counts["all"]
    pages = paging.page_count(total, PAGE_SIZE)
    page = paging.clamp(f.page, pages)
    conditions, _ = _conditions(session, module, f)
    rows = session.execute(
        _joined(_ROW, {"author", "version", "paragraph"}).where(*conditions)
        .order_by(*SORTS[f.sort]).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    ).all()
    return TriagePage(rows, total, counts, page, pages)


def filter_choices(session: Session, module: Module) -> dict:
    """What the filter menus offer: the clauses, countries, organisations and drafts present."""
    commented = select(Comment.id).where(Comment.author_id == User.id, Comment.module_id == module.id).exists()
    countries = session.scalars(select(User.country).where(commented).distinct().order_by(User.country))
    drafts = session.scalars(select(Version.number).where(Version.module_id == module.id).order_by(Version.number))
    clauses = session.scalars(
        select(ParagraphVersion.clause).join(Version, Version.id == ParagraphVersion.version_id)
        .where(Version.module_id == module.id, ParagraphVersion.level == 2).distinct())
    sessions = session.execute(select(LiveSession.id, LiveSession.title, LiveSession.code)
                               .where(LiveSession.module_id == module.id).order_by(LiveSession.id))
    return {"countries": [c for c in countries if c], "drafts": list(drafts),
            "clauses": sorted(set(clauses), key=_clause_key), "live_sessions": list(sessions)}


def _clause_key(clause: str):
    head = clause.split(".")[0]
    if head.isdigit():
        return (1, int(head), clause)
    if len(head) == 1 and head.isalpha():
        return (2, 0, clause)
    return (0, 0, clause)
