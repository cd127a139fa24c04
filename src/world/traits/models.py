"""Traits (stats and skills) and the value each character has in them.

Values use a 1-100 internal scale and are shown to players divided by ten (25 shows as 2.5).
"""

from django.db import models
from django.db.models import Q


class TraitType(models.TextChoices):
    STAT = "stat", "Stat"
    SKILL = "skill", "Skill"
    MODIFIER = "modifier", "Modifier"
    OTHER = "other", "Other"


class TraitCategory(models.TextChoices):
    PHYSICAL = "physical", "Physical"
    SOCIAL = "social", "Social"
    MENTAL = "mental", "Mental"
    MAGIC = "magic", "Magic"
    COMBAT = "combat", "Combat"
    GENERAL = "general", "General"
    CRAFTING = "crafting", "Crafting"
    WAR = "war", "War"
    OTHER = "other", "Other"


class Trait(models.Model):
    name = models.CharField(max_length=100, unique=True)
    trait_type = models.CharField(max_length=20, choices=TraitType.choices, default=TraitType.SKILL)
    category = models.CharField(
        max_length=20, choices=TraitCategory.choices, default=TraitCategory.GENERAL
    )
    description = models.TextField(blank=True)
    is_public = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CharacterTraitValue(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="trait_values"
    )
    trait = models.ForeignKey(Trait, on_delete=models.CASCADE, related_name="character_values")
    value = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["character", "trait"], name="traitvalue_one_per_character_and_trait"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0) & Q(value__lte=100),
                name="traitvalue_within_internal_scale",
            ),
        ]

    @property
    def display_value(self) -> float:
        return self.value / 10

    def __str__(self) -> str:
        return f"{self.character} {self.trait}: {self.display_value}"
