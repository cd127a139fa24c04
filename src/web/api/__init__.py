"""Answers under /api/ that belong to no API: JSON, in the progression API's error shape."""

from django.http import JsonResponse


def no_such_api(request, *args, **kwargs):
    # Evennia's generic REST API (/api/characters/, /api/objects/, ...) is switched off
    # (REST_API_ENABLED = False): it let players edit their characters' rows directly.
    return JsonResponse(
        {"code": "not_found", "detail": f"No such API endpoint: {request.path}"}, status=404
    )
