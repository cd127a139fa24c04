"""Routes of the progression API, mounted at /api/progression/ by web/urls.py."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "progression-api"

api_patterns = [
    path("account/", views.AccountDashboardView.as_view(), name="account"),
    path("account/weekly/", views.WeeklyEarningsView.as_view(), name="account-weekly"),
    path("history/xp/", views.XPTransactionListView.as_view(), name="xp-history"),
    path(
        "history/character-xp/",
        views.CharacterXPTransactionListView.as_view(),
        name="character-xp-history",
    ),
    path("history/kudos/", views.KudosTransactionListView.as_view(), name="kudos-history"),
    path("kudos/claim/", views.ClaimKudosView.as_view(), name="claim-kudos"),
    path("staff/award-xp/", views.AwardXPView.as_view(), name="award-xp"),
    path("staff/award-kudos/", views.AwardKudosView.as_view(), name="award-kudos"),
    path("staff/report/", views.EconomyReportView.as_view(), name="economy-report"),
    path("characters/", views.CharacterListView.as_view(), name="characters"),
    path(
        "characters/<int:pk>/development/",
        views.CharacterDevelopmentView.as_view(),
        name="character-development",
    ),
    path("characters/<int:pk>/shop/", views.CharacterShopView.as_view(), name="character-shop"),
    path("characters/<int:pk>/unlocks/", views.BuyUnlockView.as_view(), name="buy-unlock"),
]

# The schema covers exactly these routes, under their public prefix, and nothing of Evennia's.
_schema_patterns = [path("api/progression/", include((api_patterns, app_name)))]

urlpatterns = [
    *api_patterns,
    path(
        "schema/",
        SpectacularAPIView.as_view(patterns=_schema_patterns),
        name="schema",
    ),
    # Anything else under the API prefix (an unknown route, a malformed id) is answered in the
    # API's own JSON error shape, not with the website's HTML 404 page.
    re_path(r"^.*$", views.unknown_route, name="unknown-route"),
]
