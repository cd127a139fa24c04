"""Answers outside the progression API's views: under /api/ JSON in its error shape, and the
site's handler for errors no view answered (JSON under /api/, pages a 503 page or the 500 page)."""

import sys

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

from world.progression.api.errors import (
    DATABASE_RETRY_AFTER,
    DATABASE_UNAVAILABLE,
    SERVER_ERROR,
    is_database_unavailable,
)


def no_such_api(request, *args, **kwargs):
    # Evennia's generic REST API (/api/characters/, /api/objects/, ...) is switched off
    # (REST_API_ENABLED = False): it let players edit their characters' rows directly.
    return JsonResponse(
        {"code": "not_found", "detail": f"No such API endpoint: {request.path}"}, status=404
    )


def server_error(request, *args, **kwargs):
    """The site's 500 handler, for an error no view answered (a session read in the middleware
    with the database away, or any error in a page's view). A database away or locked is not a
    bug: a 503 with Retry-After, as JSON `database_unavailable` under /api/ and as a page in the
    site's look elsewhere; the rest is a 500, JSON `server_error` under /api/. Django calls it
    while handling the error, so the error is the one current."""
    unavailable = is_database_unavailable(sys.exc_info()[1])
    retry = {"Retry-After": str(DATABASE_RETRY_AFTER)}
    if request.path_info.startswith("/api/"):
        if unavailable:
            return JsonResponse(DATABASE_UNAVAILABLE, status=503, headers=retry)
        return JsonResponse(SERVER_ERROR, status=500)
    if unavailable:
        # Rendered without the request: its context processors would read the user, which
        # needs the database.
        page = render_to_string(
            "website/database_unavailable.html",
            {"game_name": settings.SERVERNAME, "detail": DATABASE_UNAVAILABLE["detail"]},
        )
        return HttpResponse(page, status=503, headers=retry)
    return defaults.server_error(request, *args, **kwargs)
