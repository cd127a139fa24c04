"""The progression API's router: DRF's SimpleRouter plus singleton resources and a root view."""

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

    def root_view(self, **more_url_names: str):
        """The API root: a link to every route that needs no id, keyed by its path (DRF's
        DefaultRouter links one list per prefix by the list route's name, which this router's
        singletons and action-only viewsets do not have), plus `more_url_names`."""
        from .views.base import ProgressionRootView

        url_names = {}
        for prefix, viewset, basename in self.registry:
            for route in self.get_routes(viewset):
                if route.detail or not self.get_method_map(viewset, route.mapping):
                    continue
                path = route.url.format(prefix=prefix, trailing_slash=self.trailing_slash)
                url_names[path.strip("^$")] = route.name.format(basename=basename)
        return ProgressionRootView.as_view(api_root_dict=url_names | more_url_names)
