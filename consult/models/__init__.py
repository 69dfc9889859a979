"""The domain model; importing this package registers every table on Base.metadata."""

from consult.models.accounts import STAKEHOLDER_GROUP_LABELS, Role, StakeholderGroup, User
from consult.models.audit import AuditEvent
from consult.models.comments import (
    Comment,
    CommentRevision,
    CommentState,
    CommentType,
    Notification,
    NotificationKind,
)
from consult.models.live import LiveSession, live_hidden_comment
from consult.models.drafts import Module, Paragraph, ParagraphKind, ParagraphVersion, Version
from consult.models.review import (
    DECISION_LABELS,
    ChangeKind,
    Decision,
    Disposition,
    RevisionChange,
    RevisionSet,
    RevisionSetState,
    revision_change_comment,
)

__all__ = [
    "LiveSession", "live_hidden_comment",
    "ChangeKind", "DECISION_LABELS", "Decision", "Disposition", "RevisionChange", "RevisionSet",
    "RevisionSetState", "revision_change_comment",
    "AuditEvent", "Comment", "CommentRevision", "CommentState", "CommentType", "Module",
    "Notification", "NotificationKind", "Paragraph", "ParagraphKind", "ParagraphVersion",
    "Role", "STAKEHOLDER_GROUP_LABELS", "StakeholderGroup", "User", "Version",
]
