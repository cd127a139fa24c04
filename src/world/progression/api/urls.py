"""Routes of the progression API, mounted at /api/progression/ by web/urls.py."""

from django.urls import include, path, re_path

from . import views
from .routers import ProgressionRouter

app_name = "progression-api"

# Django path converters (`<int:pk>`): the schema types the id, and `-3` is no route at all.
router = ProgressionRouter(use_regex_path=False)
router.register("account", views.AccountViewSet, basename="account")
router.register("account/export", views.ExportViewSet, basename="account-export")
router.register("history", views.HistoryViewSet, basename="history")
router.register("history/xp", views.XPHistoryViewSet, basename="xp-history")
router.register(
    "history/character-xp", views.CharacterXPHistoryViewSet, basename="character-xp-history"
)
router.register("history/kudos", views.KudosHistoryViewSet, basename="kudos-history")
router.register("kudos/claim", views.KudosClaimViewSet, basename="claim-kudos")
router.register("characters", views.CharacterViewSet, basename="characters")
router.register("staff", views.StaffActionsViewSet, basename="staff")
router.register(
    "staff/approvals", views.StaffApprovalRequestViewSet, basename="staff-approval-requests"
)

api_patterns = router.urls

# The schema covers exactly these routes, under their public prefix, and nothing of Evennia's.
_schema_patterns = [path("api/progression/", include((api_patterns, app_name)))]

urlpatterns = [
    path("", router.root_view(docs="docs", schema="schema"), name="root"),
    *api_patterns,
    path(
        "schema/",
        views.SchemaView.as_view(patterns=_schema_patterns),
        name="schema",
    ),
    path("docs/", views.DocsView.as_view(url_name=f"{app_name}:schema"), name="docs"),
    # Anything else under the API prefix (an unknown route, a malformed id) is answered in the
    # API's own JSON error shape, not with the website's HTML 404 page.
    re_path(r"^.*$", views.unknown_route, name="unknown-route"),
]
