"""The progression API's one exception handler: every error is `{"code", "detail"}` JSON.

Status codes, in one place:
  400 invalid input (`invalid`, with `fields` for per-field messages), bad amounts, inactive
      categories; 401 not logged in; 403 not yours / not staff / staff-only category / self-award
      / approving your own (or your alt's) request (`same_staff`);
  404 `not_found`; 409 already unlocked, already converted, idempotency key reused for something
      else, an approval request already decided or expired; 422 the request is well formed but
      the account cannot afford it or does not qualify (insufficient XP or kudos, requirements
      not met, not the next unlock, weekly limit);
  503 `database_unavailable` (with Retry-After) when the database is locked past its timeout
      or cannot be reached: the same request may work in a moment;
  500 `server_error` for a bug: logged with its traceback, answered as JSON, never as HTML.

Insufficient XP/kudos is a 422, not a 400: the same request becomes valid once the player has
earned more, so clients can tell "fix your request" from "earn more first".

Installed on the progression views only (`ProgressionAPIMixin`). A body too deeply nested to
parse is a 400 `parse_error` like any other malformed JSON (`parsers.ProgressionJSONParser`).
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from .. import exceptions as progression

PROGRESSION_STATUS: dict[type[progression.ProgressionError], int] = {
    progression.InvalidAmountError: status.HTTP_400_BAD_REQUEST,
    progression.InactiveCategoryError: status.HTTP_400_BAD_REQUEST,
    progression.InvalidPathError: status.HTTP_400_BAD_REQUEST,
    progression.StaffOnlyCategoryError: status.HTTP_403_FORBIDDEN,
    progression.SelfAwardError: status.HTTP_403_FORBIDDEN,
    progression.UnknownPlayerError: status.HTTP_403_FORBIDDEN,
    progression.NotStaffError: status.HTTP_403_FORBIDDEN,
    progression.SameStaffError: status.HTTP_403_FORBIDDEN,
    progression.UnknownUnlockError: status.HTTP_404_NOT_FOUND,
    progression.UnknownApprovalRequestError: status.HTTP_404_NOT_FOUND,
    progression.AlreadyUnlockedError: status.HTTP_409_CONFLICT,
    progression.AlreadyConvertedError: status.HTTP_409_CONFLICT,
    progression.IdempotencyConflictError: status.HTTP_409_CONFLICT,
    # Also ApprovalRequestExpiredError (`approval_request_expired`), its subclass.
    progression.ApprovalRequestClosedError: status.HTTP_409_CONFLICT,
    progression.InsufficientXPError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.InsufficientKudosError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.RequirementsNotMetError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.InvalidUnlockError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.NotForSaleError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.NoOwningAccountError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.AwardLimitError: status.HTTP_422_UNPROCESSABLE_ENTITY,
}

logger = logging.getLogger(__name__)

# Seconds a client should wait before retrying when the database is busy or away.
DATABASE_RETRY_AFTER = 2

# The two answers for what is not the request's fault; also given by the site's handler for
# an error raised before a view runs (`web.api.server_error`: a session read with the database
# away).
DATABASE_UNAVAILABLE = {
    "code": "database_unavailable",
    "detail": "The game cannot reach its database right now; try again in a moment.",
}
SERVER_ERROR = {"code": "server_error", "detail": "Something went wrong on our side."}

# Context a client can act on, returned beside code and detail when the error carries it.
_EXTRA_FIELDS = ("need", "have", "failed")


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` is the database being away or busy rather than a bug: SQLite still locked
    after its timeout, PostgreSQL unreachable or dropped. Asked by the API's handler and by the
    site's (`web.api.server_error`), which answers pages a 503 page for it."""
    return isinstance(error, OperationalError | InterfaceError)


def status_for(error: progression.ProgressionError) -> int:
    for cls in type(error).__mro__:
        if cls in PROGRESSION_STATUS:
            return PROGRESSION_STATUS[cls]
    return status.HTTP_400_BAD_REQUEST


def progression_exception_handler(exc, context):
    if isinstance(exc, progression.ProgressionError):
        body = {"code": exc.code, "detail": str(exc)}
        body.update({key: exc.context[key] for key in _EXTRA_FIELDS if key in exc.context})
        set_rollback()
        return Response(body, status=status_for(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if exc.error_dict else exc.messages)
    if is_database_unavailable(exc):
        # SQLite still locked after its timeout, or PostgreSQL away: nothing was written (the
        # transaction rolled back), and the same request may well succeed in a moment.
        logger.warning("database unavailable for %s: %s", context.get("request"), exc)
        set_rollback()
        return Response(
            DATABASE_UNAVAILABLE,
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(DATABASE_RETRY_AFTER)},
        )
    if not isinstance(exc, exceptions.APIException):
        logger.error("unexpected error in the progression API", exc_info=exc)
        set_rollback()
        return Response(SERVER_ERROR, status=status.HTTP_500_INTERNAL_SERVER_ERROR)

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        body = {"code": "invalid", "detail": _first_message(exc.detail)}
        if isinstance(exc.detail, dict):
            body["fields"] = exc.detail
    else:
        code = exc.get_codes() if isinstance(exc.detail, str) else exc.default_code
        body = {"code": code if isinstance(code, str) else exc.default_code, "detail": exc.detail}
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)


def _first_message(detail) -> str:
    """A one-line summary naming the first bad field, for clients that show only `detail`."""
    if isinstance(detail, dict):
        for field, messages in detail.items():
            text = _first_message(messages)
            return text if field == "non_field_errors" else f"{field}: {text}"
    if isinstance(detail, list) and detail:
        return _first_message(detail[0])
    return str(detail) or "Invalid input."
