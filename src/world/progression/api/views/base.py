"""What every progression view shares: the error handler, JSON errors, the renderers, the schema
class, the Idempotency-Key header, the documented error responses, the API root and the JSON 404
for unknown paths. (Who the caller is: `api.authentication`, the project's DRF default.)"""

from __future__ import annotations

import inspect
import string

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_spectacular.utils import extend_schema as spectacular_extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.routers import APIRootView

from ...permissions import is_staff
from .. import serializers as s
from ..errors import progression_exception_handler
from ..renderers import RENDERERS

IDEMPOTENCY_HEADER = "Idempotency-Key"
_IDEMPOTENCY_MAX_LENGTH = 100
_IDEMPOTENCY_ALPHABET = frozenset(string.ascii_letters + string.digits + "-_.:")


def error(description: str) -> OpenApiResponse:
    return OpenApiResponse(s.ErrorSerializer, description=description)


UNAUTHENTICATED = {401: error("Not logged in (`not_authenticated`).")}
BAD_REQUEST = {400: error("Bad input (`invalid`, with `fields`).")}
NOT_YOURS = {403: error("Not your character (`permission_denied`).")}
NOT_FOUND = {404: error("Unknown object (`not_found`).")}
NOT_STAFF = {403: error("Not staff (`permission_denied`).")}
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    OpenApiParameter.HEADER,
    description="Optional. Repeating a request with the same key returns the first result and "
    "changes nothing; reusing it for a different request is a 409 (`idempotency_conflict`). "
    f"Up to {_IDEMPOTENCY_MAX_LENGTH} characters of A-Z a-z 0-9 - _ . :",
)


def extend_schema(**documentation):
    """drf-spectacular's `extend_schema`, for a viewset method built on drf-spectacular's schema
    class. The project keeps DRF's default schema class (Evennia's own /api/ uses it), and a
    method decorated with plain `extend_schema` would extend that one instead. (A viewset class
    carries its own `schema`, which `extend_schema` finds by itself.)"""

    def decorate(method):
        if inspect.isclass(method):
            return spectacular_extend_schema(**documentation)(method)
        if not hasattr(method, "kwargs"):
            method.kwargs = {}
        method.kwargs.setdefault("schema", AutoSchema)
        return spectacular_extend_schema(**documentation)(method)

    return decorate


class IsProgressionStaff(BasePermission):
    """Staff as `permissions.is_staff` defines them."""

    message = "Only staff can do that."

    def has_permission(self, request, view) -> bool:
        return is_staff(request.user)


class ProgressionAPIMixin:
    """The progression error handler, and JSON for errors whatever the client accepts (an
    error is `{code, detail}` for every client; the browsable page would wrap it in HTML, and
    the docs page has no template for it)."""

    def get_exception_handler(self):
        return progression_exception_handler

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code >= 400:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


class ProgressionRootView(ProgressionAPIMixin, APIRootView):
    """GET /api/progression/: every endpoint without an id in its path, and the docs and the
    schema, by name. Open to anyone, like the schema that documents the same routes."""

    permission_classes = [AllowAny]
    renderer_classes = RENDERERS


class ProgressionViewSet(ProgressionAPIMixin, viewsets.GenericViewSet):
    """Base of every progression viewset: logged-in callers and drf-spectacular's schema class,
    on these views only (Evennia's own /api/ keeps its own). An action that takes a body names
    its request serializer (`serializer_class`), which validates it and which `OPTIONS` and the
    browsable API's form describe."""

    schema = AutoSchema()
    permission_classes = [IsAuthenticated]
    renderer_classes = RENDERERS
    # Evennia's REST_FRAMEWORK defaults page and filter every list; here only the histories do.
    pagination_class = None
    filter_backends = []

    @property
    def account(self):
        return self.request.user

    def idempotency_key(self, action_name: str) -> str | None:
        """The client's Idempotency-Key namespaced by action and account, so keys never collide
        between players or between different actions of one player. Whether a reused key names
        the same request is the services' question (they answer `idempotency_conflict`)."""
        raw = self.request.headers.get(IDEMPOTENCY_HEADER)
        if raw is None:
            return None
        if not raw or len(raw) > _IDEMPOTENCY_MAX_LENGTH or not set(raw) <= _IDEMPOTENCY_ALPHABET:
            raise exceptions.ValidationError(
                {
                    IDEMPOTENCY_HEADER: [
                        f"Use 1-{_IDEMPOTENCY_MAX_LENGTH} characters of A-Z a-z 0-9 - _ . :"
                    ]
                }
            )
        return f"api:{action_name}:{self.account.pk}:{raw}"

    def validated(self, data, serializer_class=None):
        """`data` checked by `serializer_class` (the action's own by default); a 400 naming the
        bad fields otherwise."""
        serializer = (serializer_class or self.get_serializer_class())(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


class StaffViewSet(ProgressionViewSet):
    permission_classes = [IsAuthenticated, IsProgressionStaff]


def get_or_404(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise exceptions.NotFound()
    return found


@csrf_exempt  # it changes nothing; without this a POST gets Django's HTML CSRF page instead
def unknown_route(request, *args, **kwargs):
    """JSON 404 for any path under /api/progression/ that names no endpoint."""

    return JsonResponse(
        {"code": "not_found", "detail": f"No such API endpoint: {request.path}"}, status=404
    )
