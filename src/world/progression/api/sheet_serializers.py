"""The shapes of a character sheet (`/characters/sheets/`) and of a purchase preview
(`/characters/{id}/quote/`)."""

from __future__ import annotations

from rest_framework import serializers

from ..rules.ratings import MAJOR_THRESHOLD, next_major_rating, rating_text
from .ledger_rows import PlainTextField


class SheetClassSerializer(serializers.Serializer):
    name = serializers.CharField()
    level = serializers.IntegerField()
    is_primary = serializers.BooleanField()


class SheetTraitSerializer(serializers.Serializer):
    """One trait's rating and its development (see `selectors.characters.DevelopmentRow`)."""

    trait = serializers.CharField(source="trait.name")
    value = serializers.IntegerField(help_text="The trait's value now (0-100).")
    rating = serializers.SerializerMethodField(help_text='The value as players read it: "2.5".')
    next_rating = serializers.SerializerMethodField(
        help_text="The major rating the trait grows toward, as players read it."
    )
    toward_next = serializers.SerializerMethodField(
        help_text="Points the trait has grown since its last major rating (each is 0.1)."
    )
    needed_for_next = serializers.SerializerMethodField(
        help_text="Points from its last major rating to the next."
    )
    earned = serializers.IntegerField(help_text="Development points earned in all.")
    banked = serializers.IntegerField(help_text="Points held behind a locked threshold.")
    held_by = serializers.CharField(
        source="released_by",
        allow_null=True,
        help_text="The unlock that releases the banked points.",
    )
    release_cost = serializers.IntegerField(help_text="What that unlock costs, in XP.")

    def get_rating(self, row) -> str:
        return rating_text(row.value)

    def get_next_rating(self, row) -> str:
        return rating_text(next_major_rating(row.value))

    def get_toward_next(self, row) -> int:
        # At the top of the scale the bar is full: 10.0 is reached from 9.0.
        return row.value - (next_major_rating(row.value) - MAJOR_THRESHOLD)

    def get_needed_for_next(self, row) -> int:
        return MAJOR_THRESHOLD


class SheetPathSerializer(serializers.Serializer):
    stage = serializers.CharField()
    name = serializers.CharField()
    description = PlainTextField()
    selected_at = serializers.DateTimeField()


class SheetGoalSerializer(serializers.Serializer):
    """The goal set with `plan/set`: the plan `plan` shows (`selectors.plans.Plan`)."""

    unlock = serializers.CharField(source="target")
    steps = serializers.SerializerMethodField(help_text="Each step still to buy, in order.")
    total_xp = serializers.IntegerField(help_text="What every step still to buy costs.")
    saved_xp = serializers.SerializerMethodField(help_text="What could be spent on it now.")
    unmet = serializers.ListField(
        child=serializers.CharField(), help_text="Requirements of the steps not met yet."
    )
    not_for_sale = serializers.ListField(
        child=serializers.CharField(), help_text="Steps that cannot be bought at all yet."
    )
    reached = serializers.SerializerMethodField(help_text="True once every step is bought.")

    def get_steps(self, plan) -> list[str]:
        return [step.label for step in plan.steps]

    def get_saved_xp(self, plan) -> int:
        return min(plan.saved_xp, plan.total_xp)

    def get_reached(self, plan) -> bool:
        return not plan.steps


class SheetAchievementSerializer(serializers.Serializer):
    """One achievement and how far the character is (`rules.achievements.AchievementStatus`)."""

    key = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()
    done = serializers.IntegerField(help_text="Tallies so far: scenes, votes, ...")
    needed = serializers.IntegerField(help_text="Tallies it takes.")
    completed = serializers.BooleanField()
    progress = serializers.CharField(
        source="progress_text", help_text='As the game says it: "earned", "3/10", "not started".'
    )


class CharacterSheetSerializer(serializers.Serializer):
    """One of your characters with everything the progression page shows of it."""

    id = serializers.IntegerField(source="character.pk")
    name = PlainTextField(source="character.db_key")
    locked_xp = serializers.IntegerField()
    transferable_xp = serializers.IntegerField()
    classes = SheetClassSerializer(many=True)
    traits = SheetTraitSerializer(many=True)
    paths = SheetPathSerializer(many=True, help_text="In stage order; the last is current.")
    goal = SheetGoalSerializer(allow_null=True)
    achievements = SheetAchievementSerializer(
        many=True, help_text="Every achievement open to the character, with its progress."
    )


class _PoolsSerializer(serializers.Serializer):
    locked = serializers.IntegerField()
    transferable = serializers.IntegerField()
    account = serializers.IntegerField()


class _RefusalSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField(source="message")


class PurchasePreviewSerializer(serializers.Serializer):
    """What buying the unlock would do now (`selectors.previews.PurchasePreview`)."""

    type = serializers.CharField(source="quote.kind")
    id = serializers.IntegerField(source="quote.unlock.pk")
    name = serializers.CharField(source="quote.label")
    price = serializers.IntegerField(source="quote.price", allow_null=True)
    available = _PoolsSerializer(help_text="What each pool holds now.")
    parts = _PoolsSerializer(
        help_text="What the purchase takes from each pool: locked, then transferable, then "
        "the account's."
    )
    released = serializers.IntegerField(
        help_text="Banked development points the purchase applies to the trait."
    )
    refusal = _RefusalSerializer(
        allow_null=True, help_text="Why the purchase would be refused now, or null."
    )
