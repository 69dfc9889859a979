"""The domain model; importing this package registers every table on Base.metadata."""

from consult.models.drafts import Module, Paragraph, ParagraphKind, ParagraphVersion, Version

__all__ = ["Module", "Paragraph", "ParagraphKind", "ParagraphVersion", "Version"]
