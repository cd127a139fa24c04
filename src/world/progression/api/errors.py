"""The progression API's one exception handler: every error is `{"code", "detail"}` JSON.

Status codes, in one place:
  400 invalid input (`invalid`, with `fields` for per-field messages), bad amounts, inactive
      categories; 401 not logged in; 403 not yours / not staff / staff-only category / self-award;
  404 `not_found`; 409 already unlocked, already converted, idempotency key reused for something
      else; 422 the request is well formed but the account cannot afford it or does not qualify
      (insufficient XP or kudos, requirements not met, not the next unlock, weekly limit).

Insufficient XP/kudos is a 422, not a 400: the same request becomes valid once the player has
earned more, so clients can tell "fix your request" from "earn more first".

Installed on the progression views only (`ProgressionAPIMixin`), so Evennia's own /api/ keeps
DRF's default handler.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
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
    progression.AlreadyUnlockedError: status.HTTP_409_CONFLICT,
    progression.AlreadyConvertedError: status.HTTP_409_CONFLICT,
    progression.IdempotencyConflictError: status.HTTP_409_CONFLICT,
    progression.InsufficientXPError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.InsufficientKudosError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.RequirementsNotMetError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.InvalidUnlockError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.NotForSaleError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.NoOwningAccountError: status.HTTP_422_UNPROCESSABLE_ENTITY,
    progression.AwardLimitError: status.HTTP_422_UNPROCESSABLE_ENTITY,
}

# Context a client can act on, returned beside code and detail when the error carries it.
_EXTRA_FIELDS = ("need", "have", "failed")


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
    if not isinstance(exc, exceptions.APIException):
        return None  # a bug: let Django log it and answer 500

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
