"""Achievements: the ledger of every completion (earned in play, granted or revoked by staff), and
where Evennia's achievements contrib keeps each character's progress.

The contrib keeps one attribute per character (ACHIEVEMENT_CONTRIB_ATTRIBUTE) holding the
progress of every achievement; `AchievementTransaction` rows say how each completion came about,
so a completed achievement is explained by the net of its rows (+1 earned or granted, -1
revoked) and `selectors.achievements` checks the two against each other.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from evennia.objects.models import ObjectDB
from evennia.typeclasses.attributes import Attribute
from evennia.utils.utils import make_iter

from ..types import AchievementChange
from .statements import Statement
from .written import record_written

# The contrib's setting, read the way the contrib reads it: (attribute key, category). Evennia
# stores both lower-cased.
_ATTRIBUTE = make_iter(getattr(settings, "ACHIEVEMENT_CONTRIB_ATTRIBUTE", "achievements"))
PROGRESS_KEY = _ATTRIBUTE[0].lower()
PROGRESS_CATEGORY = _ATTRIBUTE[1].lower() if len(_ATTRIBUTE) > 1 else None


class AchievementTransaction(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="achievement_transactions"
    )
    achievement_key = models.CharField(max_length=100)
    amount = models.SmallIntegerField()  # +1 completed (earned or granted), -1 revoked
    reason = models.CharField(max_length=20, choices=AchievementChange.choices)
    description = models.TextField(blank=True)  # the staff member's reason
    gm = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transaction_date = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-transaction_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(reason=AchievementChange.REVOKED) & Q(amount=-1))
                | (~Q(reason=AchievementChange.REVOKED) & Q(amount=1)),
                name="achievementtx_revoke_takes_one_else_gives_one",
            ),
        ]
        indexes = [
            models.Index(fields=["character", "achievement_key"], name="achievementtx_char_key"),
        ]

    def __str__(self) -> str:
        return f"{self.character} {self.achievement_key} ({self.get_reason_display()})"


def post_achievement_change(
    character_id: int, achievement_key: str, reason: str, **fields
) -> AchievementTransaction:
    """Write the row that explains a completion gained (earned, granted) or lost (revoked); the
    caller holds the character's lock and sets the contrib's progress in the same transaction."""
    row = AchievementTransaction.objects.create(
        character_id=character_id,
        achievement_key=achievement_key,
        amount=-1 if reason == AchievementChange.REVOKED else 1,
        reason=reason,
        **fields,
    )
    record_written(AchievementTransaction, [row])
    return row


def post_achievements_earned(completed: Iterable[tuple[int, str]]) -> list[AchievementTransaction]:
    """One EARNED row for each (character id, achievement key) play completed, in one insert."""
    rows = AchievementTransaction.objects.bulk_create(
        AchievementTransaction(
            character_id=character_id,
            achievement_key=key,
            amount=1,
            reason=AchievementChange.EARNED,
        )
        for character_id, key in completed
    )
    record_written(AchievementTransaction, rows)
    return rows


# --- The contrib's progress --------------------------------------------------------------------


def read_progress(character) -> dict:
    """The character's progress on every achievement, as the contrib keeps it ({key: {"progress":
    n, "completed": True}}), detached from the attribute (through Evennia's attribute cache)."""
    data = character.attributes.get(PROGRESS_KEY, category=PROGRESS_CATEGORY)
    return data.deserialize() if data else {}


def write_progress(character, data: dict) -> None:
    """Replace the character's progress data (the caller holds the character's lock)."""
    character.attributes.add(PROGRESS_KEY, data, category=PROGRESS_CATEGORY)


def forget_cached_progress(characters: Iterable) -> None:
    """Drop the in-memory progress of `characters`, so the next read asks the database: after a
    transaction that wrote it rolled back, Evennia's caches (the attribute handler's and the
    attribute row's own) still hold what the rollback undid."""
    for character in characters:
        attribute = character.attributes.get(
            PROGRESS_KEY, category=PROGRESS_CATEGORY, return_obj=True
        )
        if attribute is not None:
            Attribute.flush_cached_instance(attribute, force=True)
        character.attributes.reset_cache()


def _progress_rows():
    return Attribute.objects.filter(
        db_key=PROGRESS_KEY, db_category=PROGRESS_CATEGORY, db_attrtype__isnull=True
    )


def progress_subquery(outer: str = "pk") -> Subquery:
    """The progress data of the character whose id is the outer query's `outer`, as an
    annotation (None without any): the sheet reads it in the query that reads its characters."""
    rows = _progress_rows().filter(objectdb=OuterRef(outer)).values("db_value")[:1]
    return Subquery(rows, output_field=Attribute._meta.get_field("db_value"))


def progress_of(character_ids: Iterable[int] | None = None) -> dict[int, dict]:
    """{character id: progress data} for these characters (every character with any when None),
    read from the database in one query."""
    if character_ids is None:
        rows = _links().values_list("objectdb_id", "attribute__db_value")
        return {character_id: dict(data or {}) for character_id, data in rows}
    # Read under the lock of every count of play: compiled once (`statements.Statement`), so
    # the pickled value arrives as stored and is decoded here as the field would.
    stored = Attribute._meta.get_field("db_value")
    return {
        character_id: dict(stored.from_db_value(data, None, None) or {})
        for character_id, data in _PROGRESS.rows(characters=sorted(set(character_ids)))
    }


def _links():
    return ObjectDB.db_attributes.through.objects.filter(attribute__in=_progress_rows())


_PROGRESS = Statement(
    lambda *, characters: (
        _links()
        .filter(objectdb_id__in=characters)
        .values_list("objectdb_id", "attribute__db_value")
    )
)


__all__ = [
    "PROGRESS_CATEGORY",
    "PROGRESS_KEY",
    "AchievementTransaction",
    "forget_cached_progress",
    "post_achievement_change",
    "post_achievements_earned",
    "progress_of",
    "progress_subquery",
    "read_progress",
    "write_progress",
]
