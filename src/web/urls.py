"""The game's URL tree: the progression API and page first, then Evennia's website, webclient
and admin. Evennia's generic REST API stays off; anything else under /api/ is a JSON 404."""

from django.urls import include, path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from evennia.web.urls import urlpatterns as evennia_urlpatterns
from evennia.web.webclient import views as webclient_views

from . import admin as _game_admin  # noqa: F401  (swaps in the admin forms with the name rule)
from . import adminsite, characters
from .api import no_such_api

# An error before a view runs is still answered as JSON under /api/ (web/api/__init__.py).
handler500 = "web.api.server_error"


def webclient(request):
    """Evennia's webclient page, with a session saved first: the page hands its key to the
    webclient so a login there is shared with the website (web/middleware.py saves none for
    other anonymous requests)."""
    if not request.session.session_key:
        request.session.save()
    return webclient_views.webclient(request)


# Evennia's webclient runs inline scripts and loads its layout library from a CDN: it keeps the
# game's other protections (no framing) but not the script policy of the rest of the site.
WEBCLIENT_CSP = {"frame-ancestors": [CSP.NONE]}

urlpatterns = [
    path("api/progression/", include("world.progression.api.urls")),
    re_path(r"^api/", no_such_api),
    path("progression/", include("world.progression.web.urls")),
    # Evennia's default URL list leaves its admin out (the game template mounts it). Its front
    # page (the same URL name) shows the game's tables first.
    path("admin/", adminsite.front_page),
    path("admin/", include("evennia.web.admin.urls")),
    path("webclient/", csp_override(WEBCLIENT_CSP)(webclient)),
    # Evennia's character pages, with the game's name rule and deletion refusal (web/characters.py).
    path("characters/create/", characters.CharacterCreateView.as_view(), name="character-create"),
    path(
        "characters/detail/<str:slug>/<int:pk>/",
        characters.CharacterDetailView.as_view(),
        name="character-detail",
    ),
    path(
        "characters/puppet/<str:slug>/<int:pk>/",
        characters.CharacterPuppetView.as_view(),
        name="character-puppet",
    ),
    path(
        "characters/update/<str:slug>/<int:pk>/",
        characters.CharacterUpdateView.as_view(),
        name="character-update",
    ),
    path(
        "characters/delete/<str:slug>/<int:pk>/",
        characters.CharacterDeleteView.as_view(),
        name="character-delete",
    ),
    *evennia_urlpatterns,
]
