"""A demo XP shop: a cost chart, class levels with requirements, trait ratings, and paths."""

from __future__ import annotations


def seed() -> None:
    from world.classes.models import CharacterClass, Path, PathStage
    from world.progression.models import (
        AchievementRequirement,
        ClassLevelRequirement,
        ClassLevelUnlock,
        ClassXPCost,
        TraitRatingUnlock,
        TraitRequirement,
        TraitXPCost,
        XPCostChart,
        XPCostEntry,
    )
    from world.traits.models import Trait

    chart, _ = XPCostChart.objects.get_or_create(
        name="Standard", defaults={"description": "Class levels 1-10 and trait ratings 10-100."}
    )
    for level in range(1, 11):
        XPCostEntry.objects.get_or_create(
            chart=chart, level=level, defaults={"xp_cost": 10 * level}
        )
    for rating in range(10, 101, 10):
        XPCostEntry.objects.get_or_create(chart=chart, level=rating, defaults={"xp_cost": rating})

    classes = {
        c.name: c for c in CharacterClass.objects.filter(name__in=["Warrior", "Scholar", "Rogue"])
    }
    for name, modifier in (("Warrior", 100), ("Scholar", 100), ("Rogue", 120)):
        ClassXPCost.objects.get_or_create(
            character_class=classes[name], defaults={"cost_chart": chart, "cost_modifier": modifier}
        )
        for level in range(1, 6):
            ClassLevelUnlock.objects.get_or_create(
                character_class=classes[name], target_level=level
            )

    traits = {t.name: t for t in Trait.objects.all()}
    requirements = (
        ("Warrior", 2, TraitRequirement, {"trait": traits["Strength"], "minimum_value": 25}),
        ("Warrior", 3, TraitRequirement, {"trait": traits["Swordsmanship"], "minimum_value": 20}),
        ("Scholar", 2, TraitRequirement, {"trait": traits["Lore"], "minimum_value": 12}),
        (
            "Scholar",
            3,
            AchievementRequirement,
            {"achievement_key": "read_the_codex", "description": "Read the Codex of Tides"},
        ),
        (
            "Rogue",
            2,
            ClassLevelRequirement,
            {"character_class": classes["Warrior"], "minimum_level": 2},
        ),
    )
    for class_name, level, model, fields in requirements:
        unlock = ClassLevelUnlock.objects.get(
            character_class=classes[class_name], target_level=level
        )
        model.objects.get_or_create(class_level_unlock=unlock, **fields)

    for name in ("Strength", "Swordsmanship", "Persuasion", "Lore"):
        TraitXPCost.objects.get_or_create(trait=traits[name], defaults={"cost_chart": chart})
        for rating in (20, 30):
            TraitRatingUnlock.objects.get_or_create(trait=traits[name], target_rating=rating)

    seeker, _ = Path.objects.get_or_create(
        name="Seeker",
        defaults={"stage": PathStage.PROSPECT, "description": "Curious about everything."},
    )
    for name, description in (("Sage", "Knowledge as power."), ("Blade", "Knowledge of steel.")):
        path, _ = Path.objects.get_or_create(
            name=name,
            defaults={"stage": PathStage.POTENTIAL, "minimum_level": 2, "description": description},
        )
        path.parent_paths.add(seeker)
