"""Requirements a character must meet before buying a class-level unlock.

Each concrete type answers `is_met_by_character(character)` with `(met, message)`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from evennia.contrib.game_systems.achievements.achievements import get_achievement

from .snapshots import character_snapshot


class AbstractClassLevelRequirement(models.Model):
    class_level_unlock = models.ForeignKey(
        "progression.ClassLevelUnlock",
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    description = models.CharField(max_length=255, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        abstract = True

    def is_met_by_character(self, character, *, snapshot=None) -> tuple[bool, str]:
        """(met, message): the message says what is needed and what the character has.

        Pass a `CharacterSnapshot` (`character_snapshot`) to check many requirements
        without a query each.
        """
        if snapshot is None:
            snapshot = character_snapshot(
                character, relationship_targets=self.relationship_targets()
            )
        return self.evaluate(snapshot)

    def relationship_targets(self) -> list[str]:
        """Character keys this requirement looks up relationships toward."""
        return []

    # Not `check`: that name is Django's Model.check() system-check classmethod, and overriding
    # it makes `manage.py migrate` (and so `make run`) stop with models.E020.
    def evaluate(self, snapshot) -> tuple[bool, str]:
        raise NotImplementedError(f"{type(self).__name__} must implement evaluate()")


class TraitRequirement(AbstractClassLevelRequirement):
    trait = models.ForeignKey("traits.Trait", on_delete=models.CASCADE, related_name="+")
    minimum_value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    def __str__(self) -> str:
        return f"{self.trait} {self.minimum_value / 10:.1f}"

    def evaluate(self, snapshot) -> tuple[bool, str]:
        have = snapshot.trait_values.get(self.trait_id, 0)
        message = f"Need {self.trait.name} {self.minimum_value / 10:.1f}, have {have / 10:.1f}"
        return have >= self.minimum_value, message


class LevelRequirement(AbstractClassLevelRequirement):
    minimum_level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    def __str__(self) -> str:
        return f"Any class level {self.minimum_level}"

    def evaluate(self, snapshot) -> tuple[bool, str]:
        have = snapshot.highest_level
        message = f"Need a class at level {self.minimum_level}, highest is {have}"
        return have >= self.minimum_level, message


class ClassLevelRequirement(AbstractClassLevelRequirement):
    character_class = models.ForeignKey(
        "classes.CharacterClass", on_delete=models.CASCADE, related_name="+"
    )
    minimum_level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    def __str__(self) -> str:
        return f"{self.character_class} level {self.minimum_level}"

    def evaluate(self, snapshot) -> tuple[bool, str]:
        have = snapshot.class_levels.get(self.character_class_id, 0)
        message = f"Need {self.character_class.name} level {self.minimum_level}, have {have}"
        return have >= self.minimum_level, message


class MultiClassRequirement(AbstractClassLevelRequirement):
    required_classes = models.ManyToManyField(
        "classes.CharacterClass", through="MultiClassLevel", related_name="+"
    )
    description_override = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return self.description_override or self.description or "Several class levels"

    def evaluate(self, snapshot) -> tuple[bool, str]:
        needed = list(self.class_levels.all())
        missing = [
            f"{row.character_class.name} {row.minimum_level} "
            f"(have {snapshot.class_levels.get(row.character_class_id, 0)})"
            for row in needed
            if snapshot.class_levels.get(row.character_class_id, 0) < row.minimum_level
        ]
        if self.description_override:
            return not missing, self.description_override
        wanted = ", ".join(f"{row.character_class.name} {row.minimum_level}" for row in needed)
        if not missing:
            return True, f"Need {wanted}: met"
        return False, f"Need {wanted}; short of " + ", ".join(missing)


class MultiClassLevel(models.Model):
    multi_class_requirement = models.ForeignKey(
        MultiClassRequirement, on_delete=models.CASCADE, related_name="class_levels"
    )
    character_class = models.ForeignKey(
        "classes.CharacterClass", on_delete=models.CASCADE, related_name="+"
    )
    minimum_level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["multi_class_requirement", "character_class"],
                name="multiclasslevel_class_once_per_requirement",
            )
        ]

    def __str__(self) -> str:
        return f"{self.character_class} {self.minimum_level}"


class TierRequirement(AbstractClassLevelRequirement):
    # Tier 1 covers levels 1-5, tier 2 levels 6-10.
    minimum_tier = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(2)]
    )

    def __str__(self) -> str:
        return f"Tier {self.minimum_tier}"

    def evaluate(self, snapshot) -> tuple[bool, str]:
        have = snapshot.tier
        message = f"Need tier {self.minimum_tier}, have tier {have}"
        return have >= self.minimum_tier, message


class AchievementRequirement(AbstractClassLevelRequirement):
    achievement_key = models.CharField(
        max_length=100,
        help_text="Key of an achievement of Evennia's achievements contrib "
        "(ACHIEVEMENT_CONTRIB_MODULES); met once the character has completed it.",
    )

    def __str__(self) -> str:
        return f"Achievement {self.achievement_key}"

    def clean(self) -> None:
        super().clean()
        if self.achievement_key and get_achievement(self.achievement_key) is None:
            raise ValidationError(
                {"achievement_key": f"No achievement has the key {self.achievement_key!r}."}
            )

    def evaluate(self, snapshot) -> tuple[bool, str]:
        met = snapshot.has_achievement(self.achievement_key)
        label = self.description or self.achievement_key
        return met, f"Need achievement: {label}" + ("" if met else " (not yet earned)")


class RelationshipRequirement(AbstractClassLevelRequirement):
    relationship_target = models.CharField(
        max_length=100, help_text="Key (name) of the character the relationship is toward."
    )
    minimum_level = models.IntegerField()

    def __str__(self) -> str:
        return f"Relationship with {self.relationship_target} at {self.minimum_level}"

    def relationship_targets(self) -> list[str]:
        return [self.relationship_target]

    def evaluate(self, snapshot) -> tuple[bool, str]:
        target = self.relationship_target
        if target.lower() not in snapshot.known_characters:
            return False, f"No character named {target} exists"
        have = snapshot.relationships.get(target.lower())
        if have is None:
            return False, f"Need relationship {self.minimum_level} with {target}, have none"
        message = f"Need relationship {self.minimum_level} with {target}, have {have}"
        return have >= self.minimum_level, message


REQUIREMENT_MODELS = (
    TraitRequirement,
    LevelRequirement,
    ClassLevelRequirement,
    MultiClassRequirement,
    TierRequirement,
    AchievementRequirement,
    RelationshipRequirement,
)
