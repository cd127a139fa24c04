"""The game's admin site: Evennia's, with its index grouped by concern (ledgers, catalogue,
play, people) instead of one list per app, and the groups linked from Evennia's admin front page.

Django has no grouping of its own; `get_app_list` is the hook its index, sidebar and Evennia's
ordering all read. An app's own page (/admin/progression/) still lists that app whole.
"""

from __future__ import annotations

from django.contrib.admin import apps
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.urls import reverse
from evennia.web.utils.adminsite import EvenniaAdminSite

# Concern → the models it holds, by label, in the order shown. Models named nowhere stay in
# their app's list, after the groups (Evennia's own tables).
CONCERNS: dict[str, tuple[str, ...]] = {
    "Ledgers": (
        "progression.XPTransaction",
        "progression.CharacterXPTransaction",
        "progression.KudosTransaction",
        "progression.DevelopmentTransaction",
        "progression.TraitValueTransaction",
        "progression.ClassLevelTransaction",
        "progression.AchievementTransaction",
        "progression.CharacterUnlock",
    ),
    "Catalogue": (
        "progression.ClassLevelUnlock",
        "progression.TraitRatingUnlock",
        "progression.XPCostChart",
        "progression.XPCostEntry",
        "progression.ClassXPCost",
        "progression.TraitXPCost",
        "progression.TraitRequirement",
        "progression.LevelRequirement",
        "progression.ClassLevelRequirement",
        "progression.MultiClassRequirement",
        "progression.MultiClassLevel",
        "progression.TierRequirement",
        "progression.AchievementRequirement",
        "progression.RelationshipRequirement",
        "progression.KudosSourceCategory",
        "progression.KudosClaimCategory",
        "classes.CharacterClass",
        "classes.Path",
        "traits.Trait",
        "mechanics.ModifierCategory",
        "mechanics.ModifierType",
        "mechanics.Distinction",
        "mechanics.DistinctionEffect",
    ),
    "Play": (
        "scenes.Scene",
        "voting.Vote",
        "progression.KudosRewardRequest",
        "progression.StaffApprovalRequest",
        "progression.CharacterPathHistory",
        "progression.DevelopmentPoints",
        "traits.CharacterTraitValue",
        "classes.CharacterClassLevel",
        "mechanics.CharacterDistinction",
        "relationships.CharacterRelationship",
    ),
    "People": (
        "accounts.AccountDB",
        "progression.CharacterOwner",
        "progression.ExperiencePointsData",
        "progression.KudosPointsData",
        "progression.CharacterXP",
    ),
}
_CONCERN_OF = {label: concern for concern, labels in CONCERNS.items() for label in labels}


class GameAdminSite(EvenniaAdminSite):
    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label=app_label)
        if app_label is not None:
            return app_list
        return self.concerns(request, app_list) + self._ungrouped(app_list)

    def concerns(self, request, app_list=None) -> list[dict]:
        """The concern groups the caller may see, shaped like apps (what admin templates draw)."""
        if app_list is None:
            app_list = super().get_app_list(request)
        found = {entry["model"]._meta.label: entry for app in app_list for entry in app["models"]}
        index = reverse("admin:index", current_app=self.name)
        groups = []
        for concern, labels in CONCERNS.items():
            models = [found[label] for label in labels if label in found]
            if models:
                slug = concern.lower()
                groups.append(
                    {
                        "name": concern,
                        "app_label": slug,
                        "app_url": f"{index}#{slug}",
                        "has_module_perms": True,
                        "models": models,
                    }
                )
        return groups

    @staticmethod
    def _ungrouped(app_list: list[dict]) -> list[dict]:
        rest = []
        for app in app_list:
            models = [m for m in app["models"] if m["model"]._meta.label not in _CONCERN_OF]
            if models:
                rest.append({**app, "models": models})
        return rest


class GameAdminApp(apps.AdminConfig):
    """In INSTALLED_APPS in place of Evennia's EvenniaAdminApp."""

    default_site = "web.adminsite.GameAdminSite"


@staff_member_required
def front_page(request):
    """Evennia's admin front page, with the game's tables by concern above Evennia's own."""
    # Imported here: this module is loaded with INSTALLED_APPS, before any model may be.
    from django.contrib.admin import site
    from evennia.accounts.models import AccountDB

    return render(
        request,
        "admin/game_frontpage.html",
        {"accountdb": AccountDB, "concerns": site.concerns(request)},
    )
