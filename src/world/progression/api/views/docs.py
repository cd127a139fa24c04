"""The API's schema and its Swagger UI page, with the API's JSON errors."""

from __future__ import annotations

from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .base import ProgressionAPIMixin


class SchemaView(ProgressionAPIMixin, SpectacularAPIView):
    """The OpenAPI schema; plain JSON first, which a browser shows, where drf-spectacular's
    first choice (application/vnd.oai.openapi) downloads as a file. ?format=yaml answers YAML."""

    renderer_classes = [
        OpenApiJsonRenderer2,
        OpenApiJsonRenderer,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]


class DocsView(ProgressionAPIMixin, SpectacularSwaggerSplitView):
    """Swagger UI from the game's own static files (drf-spectacular-sidecar), its start-up
    script fetched from this same URL (`?script`): the site's CSP allows no inline or CDN
    script. An HTML page has nothing for OPTIONS to describe: a 405, not DRF's metadata."""

    metadata_class = None
