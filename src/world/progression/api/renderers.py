"""What the API answers in: JSON, and DRF's browsable HTML for a browser (`Accept: text/html`,
`?format=api`); errors are JSON whatever was asked for (`views.base.ProgressionAPIMixin`)."""

from __future__ import annotations

from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer


class ProgressionBrowsableAPIRenderer(BrowsableAPIRenderer):
    """DRF's browsable API. Its filter form asks any view answering a list for its queryset,
    though only views with filter backends use one (the histories); the character list is built
    by a selector and has no queryset to give."""

    def get_filter_form(self, data, view, request):
        if not getattr(view, "filter_backends", None):
            return None
        return super().get_filter_form(data, view, request)


RENDERERS = [JSONRenderer, ProgressionBrowsableAPIRenderer]
