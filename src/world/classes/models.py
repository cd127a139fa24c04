"""Character classes, the levels characters hold in them, and the paths they evolve along."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

MAX_CLASS_LEVEL = 10


class CharacterClass(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    is_hidden = models.BooleanField(default=False)
    minimum_level = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "character classes"

    def __str__(self) -> str:
        return self.name


class CharacterClassLevel(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="character_class_levels"
    )
    character_class = models.ForeignKey(
        CharacterClass, on_delete=models.CASCADE, related_name="character_levels"
    )
    level = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_CLASS_LEVEL)]
    )
    is_primary = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["character", "character_class"], name="classlevel_one_per_character_class"
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=MAX_CLASS_LEVEL),
                name="classlevel_level_between_1_and_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.character_class} {self.level}"


class PathStage(models.IntegerChoices):
    PROSPECT = 1, "Prospect"
    POTENTIAL = 2, "Potential"
    PUISSANT = 3, "Puissant"
    TRUE = 4, "True"
    GRAND = 5, "Grand"
    TRANSCENDENT = 6, "Transcendent"


class Path(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    stage = models.PositiveSmallIntegerField(choices=PathStage.choices, default=PathStage.PROSPECT)
    minimum_level = models.PositiveSmallIntegerField(default=1)
    parent_paths = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="child_paths"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["stage", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_stage_display()})"
