"""Error pages for people and JSON errors for the API; never a stack trace."""

from __future__ import annotations

from flask import jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from consult.hardening import drain_oversized_body
from consult.services.errors import DomainError, InvalidInput

ERROR_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid",
    429: "too_many_requests", 500: "server_error",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def json_error(status: int, message: str, code: str | None = None, **extra):
    body = {"error": {"code": code or ERROR_CODES.get(status, "error"), "message": message, **extra}}
    return jsonify(body), status


def init_app(app) -> None:
    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError):
        message = "The form's security token is missing or has expired. Reload the page and try again."
        if wants_json():
            return json_error(400, message, "csrf_failed")
        return render_template("error.html", status=400, title="Please try again", message=message), 400

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        if wants_json():
            extra = {"fields": error.fields} if isinstance(error, InvalidInput) else {}
            return json_error(error.status, error.message, error.code, **extra)
        titles = {403: "Not allowed", 404: "Not found", 409: "Not possible now", 422: "Please check your input"}
        return render_template("error.html", status=error.status, title=titles.get(error.status, "Error"),
                               message=error.message), error.status

    @app.errorhandler(413)
    def too_large(error):
        drain_oversized_body()
        message = (f"The request is larger than this server accepts "
                   f"({app.config['MAX_CONTENT_LENGTH'] // 1024:,} KB). Shorten it and try again.")
        if wants_json():
            return json_error(413, message)
        return render_template("error.html", status=413, title="Too large", message=message), 413

    @app.errorhandler(429)
    def too_many(error):
        message = "Too many attempts in a short time. Please wait a few minutes, then try again."
        if request.endpoint and "comment" in request.endpoint:
            message = "You are posting faster than the limit allows. Please wait a minute, then try again; nothing was lost."
        if wants_json():
            response, status = json_error(429, message)
        else:
            response, status = render_template("error.html", status=429, title="Slow down", message=message), 429
        return response, status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            response, status = json_error(error.code or 500, error.description or error.name)
            if error.code == 405 and error.get_headers():
                response.headers.update({k: v for k, v in error.get_headers() if k == "Allow"})
            return response, status
        return render_template(
            "error.html", status=error.code, title=error.name, message=error.description
        ), error.code

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        message = "Something went wrong on our side. Nothing you saved has been lost; please try again."
        if wants_json():
            return json_error(500, message)
        return render_template("error.html", status=500, title=InternalServerError.name, message=message), 500
