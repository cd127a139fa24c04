"""XP cost charts, the unlocks XP buys, and the record of what each character has bought."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from evennia.utils.idmapper.models import SharedMemoryModel

from world.traits.models import TraitType

from ..rules.costs import apply_cost_modifier
from ..rules.ratings import is_major_threshold, rating_text
from ..rules.unlocks import is_class_level
from ..types import UnlockType
from .statements import Statement


class XPCostChart(SharedMemoryModel):
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "XP cost chart"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_cost_for_level(self, level: int) -> int:
        """Base XP cost of `level` (a class level or a trait rating); 0 when the chart has none."""
        entry = XPCostEntry.objects.filter(chart=self, level=level).values_list(
            "xp_cost", flat=True
        )
        return next(iter(entry), 0)


class XPCostEntry(SharedMemoryModel):
    chart = models.ForeignKey(XPCostChart, on_delete=models.CASCADE, related_name="entries")
    level = models.PositiveIntegerField()
    xp_cost = models.PositiveIntegerField()

    class Meta:
        verbose_name = "XP cost entry"
        verbose_name_plural = "XP cost entries"
        ordering = ["chart", "level"]
        constraints = [
            models.UniqueConstraint(fields=["chart", "level"], name="xpcostentry_one_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.chart} level {self.level}: {self.xp_cost} XP"


class ClassXPCost(SharedMemoryModel):
    character_class = models.OneToOneField(
        "classes.CharacterClass", on_delete=models.CASCADE, related_name="xp_cost"
    )
    cost_chart = models.ForeignKey(
        XPCostChart, on_delete=models.PROTECT, related_name="class_costs"
    )
    cost_modifier = models.PositiveIntegerField(default=100, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = "class XP cost"

    def __str__(self) -> str:
        return f"{self.character_class}: {self.cost_chart} at {self.cost_modifier}%"

    def get_cost_for_level(self, level: int) -> int:
        if not self.cost_chart.is_active:
            return 0
        return apply_cost_modifier(self.cost_chart.get_cost_for_level(level), self.cost_modifier)


class TraitXPCost(SharedMemoryModel):
    trait = models.OneToOneField("traits.Trait", on_delete=models.CASCADE, related_name="xp_cost")
    cost_chart = models.ForeignKey(
        XPCostChart, on_delete=models.PROTECT, related_name="trait_costs"
    )
    cost_modifier = models.PositiveIntegerField(default=100, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = "trait XP cost"

    def __str__(self) -> str:
        return f"{self.trait}: {self.cost_chart} at {self.cost_modifier}%"

    def get_cost_for_rating(self, rating: int) -> int:
        if not self.cost_chart.is_active:
            return 0
        return apply_cost_modifier(self.cost_chart.get_cost_for_level(rating), self.cost_modifier)


class ClassLevelUnlock(models.Model):
    character_class = models.ForeignKey(
        "classes.CharacterClass", on_delete=models.CASCADE, related_name="level_unlocks"
    )
    target_level = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    unlock_type = UnlockType.LEVEL

    class Meta:
        ordering = ["character_class", "target_level"]
        constraints = [
            models.UniqueConstraint(
                fields=["character_class", "target_level"], name="classlevelunlock_one_per_level"
            ),
            models.CheckConstraint(
                condition=Q(target_level__gte=1) & Q(target_level__lte=10),
                name="classlevelunlock_level_between_1_and_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.character_class} level {self.target_level}"

    def get_xp_cost_for_character(self, character) -> int:
        return class_level_cost(self)


RATING_NOT_AT_THRESHOLD = "A rating unlock must be at a major threshold (a multiple of 10)."


class TraitRatingUnlock(models.Model):
    trait = models.ForeignKey(
        "traits.Trait", on_delete=models.CASCADE, related_name="rating_unlocks"
    )
    target_rating = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["trait", "target_rating"]
        constraints = [
            models.UniqueConstraint(
                fields=["trait", "target_rating"], name="traitratingunlock_one_per_rating"
            ),
            models.CheckConstraint(
                condition=Q(target_rating__gt=0) & Q(target_rating__lte=100),
                name="traitratingunlock_rating_within_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trait} {self.target_rating / 10:.1f}"

    @property
    def unlock_type(self) -> str:
        if self.trait.trait_type == TraitType.STAT:
            return UnlockType.STAT_RATING
        return UnlockType.SKILL_RATING

    def clean(self) -> None:
        super().clean()
        if self.target_rating is not None and not is_major_threshold(self.target_rating):
            raise ValidationError({"target_rating": RATING_NOT_AT_THRESHOLD})

    def save(self, *args, **kwargs):
        if self.target_rating is not None and not is_major_threshold(self.target_rating):
            raise ValidationError({"target_rating": RATING_NOT_AT_THRESHOLD})
        super().save(*args, **kwargs)

    def get_xp_cost_for_character(self, character) -> int:
        return trait_rating_cost(self)


class CharacterUnlock(models.Model):
    """One unlock a character bought: a class level or a trait rating. Refunds keep the row."""

    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="progression_unlocks"
    )
    character_class = models.ForeignKey(
        "classes.CharacterClass", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    trait = models.ForeignKey(
        "traits.Trait", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    target_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    unlocked_date = models.DateTimeField(default=timezone.now)
    xp_spent = models.PositiveIntegerField(default=0)
    gm = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refunded_date = models.DateTimeField(null=True, blank=True)
    refunded_by = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    idempotency_key = models.CharField(max_length=200, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["-unlocked_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        character_class__isnull=False,
                        target_level__isnull=False,
                        trait__isnull=True,
                        target_rating__isnull=True,
                    )
                    | Q(
                        character_class__isnull=True,
                        target_level__isnull=True,
                        trait__isnull=False,
                        target_rating__isnull=False,
                    )
                ),
                name="characterunlock_is_class_level_or_trait_rating",
            ),
            # Bought once while it stands; a refunded unlock can be bought again.
            models.UniqueConstraint(
                fields=["character", "character_class", "target_level"],
                condition=Q(refunded_date__isnull=True, character_class__isnull=False),
                name="characterunlock_class_level_once",
            ),
            models.UniqueConstraint(
                fields=["character", "trait", "target_rating"],
                condition=Q(refunded_date__isnull=True, trait__isnull=False),
                name="characterunlock_trait_rating_once",
            ),
        ]

    def __str__(self) -> str:
        refunded = " (refunded)" if self.refunded_date else ""
        return f"{self.character}: {self.target_label}{refunded}"

    @property
    def target_label(self) -> str:
        """What was bought, as players name it: "Warrior level 2", "Strength 3.0"."""
        if self.character_class_id:
            return f"{self.character_class} level {self.target_level}"
        return f"{self.trait} {rating_text(self.target_rating)}"

    @property
    def is_active(self) -> bool:
        return self.refunded_date is None


# --- Prices: what unlocks cost, read in bulk -------------------------------------------------


class CostTable:
    """Costs of class levels and trait ratings for many classes and traits, read once (ids None:
    every class, or every trait)."""

    def __init__(self, class_ids: Iterable[int] | None = (), trait_ids: Iterable[int] | None = ()):
        # One query per kind: each chart entry joined to the class (or trait) links of its
        # active chart, with their modifiers.
        self._class_prices = self._read(CLASS_PRICES, class_ids)
        self._trait_prices = self._read(TRAIT_PRICES, trait_ids)

    @classmethod
    def from_rows(
        cls, *, class_rows: Iterable[tuple] = (), trait_rows: Iterable[tuple] = ()
    ) -> CostTable:
        """The table of price rows already read (`price_entries`' `PRICE_COLUMNS`, in order),
        as a statement of more than prices reads them: no query."""
        table = cls.__new__(cls)
        table._class_prices = _priced(class_rows)
        table._trait_prices = _priced(trait_rows)
        return table

    @staticmethod
    def _read(subject: str, ids: Iterable[int] | None) -> dict[tuple[int, int], int]:
        if ids is None:
            rows = _PRICES[subject, False].rows()
        else:
            ids = sorted(ids)
            rows = _PRICES[subject, True].rows(ids=ids) if ids else ()
        return _priced(rows)

    def price(self, unlock) -> int | None:
        """What `unlock` costs, or None when it has no price: its class or trait has no active
        chart, or the chart has no entry for that level or rating (then it is not for sale)."""
        if is_class_level(unlock):
            return self._class_prices.get((unlock.character_class_id, unlock.target_level))
        return self._trait_prices.get((unlock.trait_id, unlock.target_rating))

    def for_unlock(self, unlock) -> int:
        """The price, 0 when there is none (the specification's cost lookups answer a number)."""
        return self.price(unlock) or 0


# The chart links (seen from an entry's chart) that own prices: a class's, a trait's.
CLASS_PRICES = "class_costs__character_class_id"
TRAIT_PRICES = "trait_costs__trait_id"
# A price row: the class or trait, the level or rating, the chart's cost, the link's modifier.
PRICE_COLUMNS = ("owner", "level", "xp_cost", "modifier")


def price_entries(subject: str, ids=None):
    """The entries of the active charts linked to classes (or traits: `subject`), of those in
    `ids` only unless None, each annotated with the rest of `PRICE_COLUMNS`."""
    scope = {"chart__is_active": True, f"chart__{subject}__isnull": False}
    if ids is not None:
        scope[f"chart__{subject}__in"] = ids
    modifier = subject.split("__")[0] + "__cost_modifier"
    return XPCostEntry.objects.filter(**scope).annotate(
        owner=F(f"chart__{subject}"), modifier=F(f"chart__{modifier}")
    )


def _priced(rows: Iterable[tuple]) -> dict[tuple[int, int], int]:
    """{(owner, level): price} of price rows: the one place a chart's cost becomes a price."""
    return {
        (owner, level): apply_cost_modifier(cost, percent) for owner, level, cost, percent in rows
    }


# {(subject, of some ids only): the price read}, compiled once per shape: a cold catalogue
# and every single price read it (its columns are integers).
_PRICES = {
    (subject, False): Statement(
        lambda subject=subject: price_entries(subject).values_list(*PRICE_COLUMNS)
    )
    for subject in (CLASS_PRICES, TRAIT_PRICES)
} | {
    (subject, True): Statement(
        lambda *, ids, subject=subject: price_entries(subject, ids).values_list(*PRICE_COLUMNS)
    )
    for subject in (CLASS_PRICES, TRAIT_PRICES)
}


def class_level_cost(unlock) -> int:
    """XP cost of one ClassLevelUnlock (0 when its class has no active chart)."""
    return CostTable(class_ids=[unlock.character_class_id]).for_unlock(unlock)


def trait_rating_cost(unlock) -> int:
    """XP cost of one TraitRatingUnlock (0 when its trait has no active chart)."""
    return CostTable(trait_ids=[unlock.trait_id]).for_unlock(unlock)
