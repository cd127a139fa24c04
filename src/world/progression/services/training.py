"""Teaching: a character who knows a trait better passes some of it on, once a week."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from evennia.objects.models import ObjectDB

from world.traits.models import CharacterTraitValue, Trait

from ..conf import progression_settings
from ..exceptions import AwardLimitError, ProgressionError, SelfAwardError
from ..models import DevelopmentTransaction
from ..rules.achievements import LESSON_GIVEN
from ..rules.ratings import rating_text
from ..rules.weeks import week_of
from ..selectors import owner_of
from ..selectors.players import require_different_players
from ..types import DevelopmentSource, ProgressionReason
from .achievements import report_play
from .awards import award_development, award_xp


def teach(
    *, teacher: ObjectDB, student: ObjectDB, trait: Trait, now: datetime | None = None
) -> DevelopmentTransaction:
    """`teacher` teaches `trait` to `student`: the student earns development points (source
    TEACHING) and the teacher's account a little XP, in one transaction, once per teacher,
    student and ISO week. Raises SelfAwardError (oneself or one's own alt), UnknownPlayerError
    (an account without an email or staff's word, see `selectors.players`), ProgressionError
    (the gap is too small) or AwardLimitError (already taught this week)."""
    teacher_account, student_account = owner_of(teacher), owner_of(student)
    refusal = "You cannot teach yourself or your own characters."
    if teacher.pk == student.pk:
        raise SelfAwardError(refusal)
    if teacher_account is not None and student_account is not None:
        require_different_players(
            teacher_account, student_account, alt_refusal=refusal, other_name=student.key
        )
    values = dict(
        CharacterTraitValue.objects.filter(
            character_id__in=[teacher.pk, student.pk], trait=trait
        ).values_list("character_id", "value")
    )
    have, theirs = values.get(teacher.pk, 0), values.get(student.pk, 0)
    gap = progression_settings.TRAINING_MIN_GAP
    if have - theirs < gap:
        raise ProgressionError(
            f"To teach {trait.name} you need it {rating_text(gap)} above {student.key}'s "
            f"({rating_text(theirs)}); yours is {rating_text(have)}."
        )
    week = week_of(now or timezone.now())
    key = f"teach:{week}:{teacher.pk}:{student.pk}"
    if DevelopmentTransaction.objects.filter(idempotency_key=key).exists():
        raise AwardLimitError(f"You have already taught {student.key} this week.")
    with transaction.atomic():
        row = award_development(
            character=student,
            trait=trait,
            amount=progression_settings.TRAINING_POINTS,
            source=DevelopmentSource.TEACHING,
            reason=ProgressionReason.SYSTEM_AWARD,
            description=f"Taught {trait.name} by {teacher.key}",
            idempotency_key=key,
        )
        reward = progression_settings.TRAINING_TEACHER_XP
        if reward and teacher_account is not None:
            award_xp(
                teacher_account,
                reward,
                ProgressionReason.SYSTEM_AWARD,
                f"Taught {trait.name} to {student.key}",
                character=teacher,
                idempotency_key=f"teach-xp:{week}:{teacher.pk}:{student.pk}",
            )
        report_play([teacher], LESSON_GIVEN)
    return row


__all__ = ["teach"]
