"""API errors: every error answers JSON ``{"code": ..., "message": ...}``.

``ApiError`` is raised by the routes; the handlers here turn it, FastAPI's validation
errors and Starlette's HTTP errors (unknown route, wrong method) into that shape.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from frontwatch.lookup import PlaceLookup

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_parameter",
}


class ApiError(Exception):
    """An answer other than success: HTTP status, a stable code, a message, extra fields."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, **self.extra}


def place_not_found(lookup: PlaceLookup) -> ApiError:
    """404 for a place query that names nothing stored, with the nearest stored names."""
    return ApiError(404, "place_not_found", lookup.message(), suggestions=list(lookup.suggestions))


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"code": code, "message": message}, status_code=status)


def install_handlers(app: FastAPI) -> None:
    """Make every error of ``app`` a JSON ``{code, message}``."""

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [_problem(e) for e in exc.errors()]
        return error_response(422, "invalid_parameter", "; ".join(problems))

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, exc: HTTPException) -> JSONResponse:
        code = _CODES.get(exc.status_code, "error")
        return error_response(exc.status_code, code, str(exc.detail))


def _problem(error: Any) -> str:
    """One validation error as "where: what" ("limit: Input should be ...")."""
    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg"))
