"""Domain errors raised by services; the web layer maps each to an HTTP status."""

from __future__ import annotations


class DomainError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(DomainError, LookupError):
    """The module, version, paragraph or comment asked for does not exist."""

    status, code = 404, "not_found"


class Forbidden(DomainError):
    """The user may not do this."""

    status, code = 403, "forbidden"


class Conflict(DomainError):
    status, code = 409, "conflict"


class ConsultationClosed(Conflict):
    code = "consultation_closed"


class InvalidInput(DomainError):
    """Input that breaks a rule; `fields` says which field and why, for display beside it."""

    status, code = 422, "invalid"

    def __init__(self, fields: dict[str, str]):
        self.fields = fields
        super().__init__("; ".join(f"{name}: {message}" for name, message in fields.items()))
