"""The game's URL tree: the progression API and page first, then Evennia's website, webclient,
admin and REST API."""

from django.urls import include, path
from evennia.web.urls import urlpatterns as evennia_urlpatterns

urlpatterns = [
    path("api/progression/", include("world.progression.api.urls")),
    path("progression/", include("world.progression.web.urls")),
    # Evennia's default URL list leaves its admin out (the game template mounts it).
    path("admin/", include("evennia.web.admin.urls")),
    *evennia_urlpatterns,
]
