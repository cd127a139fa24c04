"""A registry of named modifiers and the distinctions that grant them to characters."""

from django.db import models


class ModifierCategory(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "modifier categories"

    def __str__(self) -> str:
        return self.name


class ModifierType(models.Model):
    category = models.ForeignKey(ModifierCategory, on_delete=models.CASCADE, related_name="types")
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "name"], name="modifiertype_unique_name_in_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category.name}.{self.name}"


class Distinction(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class DistinctionEffect(models.Model):
    distinction = models.ForeignKey(Distinction, on_delete=models.CASCADE, related_name="effects")
    modifier_type = models.ForeignKey(
        ModifierType, on_delete=models.CASCADE, related_name="effects"
    )
    # A percentage or flat amount depending on the modifier; negative values are penalties.
    value = models.IntegerField()

    def __str__(self) -> str:
        return f"{self.distinction}: {self.modifier_type} {self.value:+d}"


class CharacterDistinction(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="distinctions"
    )
    distinction = models.ForeignKey(
        Distinction, on_delete=models.CASCADE, related_name="character_distinctions"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["character", "distinction"], name="characterdistinction_once_per_character"
            )
        ]

    def __str__(self) -> str:
        return f"{self.character}: {self.distinction}"
