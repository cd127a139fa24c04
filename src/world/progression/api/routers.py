"""The progression API's router: DRF's SimpleRouter plus singleton resources."""

from __future__ import annotations

from rest_framework.routers import Route, SimpleRouter


class ProgressionRouter(SimpleRouter):
    """SimpleRouter, plus one route for a resource there is exactly one of per caller (your
    account dashboard, the economy report): a viewset's `read` action answers GET on its prefix
    itself. Registering it on a plain SimpleRouter would make it a `list` (an array, to the
    schema) or need a lookup in the URL."""

    routes = [
        Route(
            url=r"^{prefix}{trailing_slash}$",
            mapping={"get": "read"},
            name="{basename}",
            detail=False,
            initkwargs={"suffix": "Instance"},
        ),
        *SimpleRouter.routes,
    ]
