"""Alembic migrations, and the hand-written SQL some of them share."""

# Search structures are made by hand in their migration; autogenerate (and the test that the
# migrations match the models) should leave them be.
HAND_MADE = ("comment_search", "ix_comment_search")


def include_name(name, type_, parent_names) -> bool:
    return not (name or "").startswith(HAND_MADE)
