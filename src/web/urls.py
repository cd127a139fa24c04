"""The game's URL tree: the progression API and page first, then Evennia's website, webclient
and admin. Evennia's generic REST API stays off; anything else under /api/ is a JSON 404."""

from django.urls import include, path, re_path
from evennia.web.urls import urlpatterns as evennia_urlpatterns

from . import admin as _game_admin  # noqa: F401  (swaps in the admin forms with the name rule)
from .api import no_such_api

urlpatterns = [
    path("api/progression/", include("world.progression.api.urls")),
    re_path(r"^api/", no_such_api),
    path("progression/", include("world.progression.web.urls")),
    # Evennia's default URL list leaves its admin out (the game template mounts it).
    path("admin/", include("evennia.web.admin.urls")),
    *evennia_urlpatterns,
]
