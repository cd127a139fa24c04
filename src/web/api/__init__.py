"""Answers under /api/ outside the progression API's views: JSON, in its error shape."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from django.views import defaults

from world.progression.api.errors import DATABASE_RETRY_AFTER, DATABASE_UNAVAILABLE, SERVER_ERROR


def no_such_api(request, *args, **kwargs):
    # Evennia's generic REST API (/api/characters/, /api/objects/, ...) is switched off
    # (REST_API_ENABLED = False): it let players edit their characters' rows directly.
    return JsonResponse(
        {"code": "not_found", "detail": f"No such API endpoint: {request.path}"}, status=404
    )


def server_error(request, *args, **kwargs):
    """The site's 500 handler. Under /api/ it answers JSON, never a page: an error raised before
    the API's own handler could see it (the session or the user read with the database away,
    in the middleware) is a 503 `database_unavailable` like any other, the rest a 500
    `server_error`. Django calls it while handling the error, so the error is the one current."""
    if not request.path_info.startswith("/api/"):
        return defaults.server_error(request, *args, **kwargs)
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return JsonResponse(
            DATABASE_UNAVAILABLE, status=503, headers={"Retry-After": str(DATABASE_RETRY_AFTER)}
        )
    return JsonResponse(SERVER_ERROR, status=500)
