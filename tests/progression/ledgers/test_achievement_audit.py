"""Completed achievements are explained by their ledger: `progression_audit` catches one completed
behind the game's back (no row earning or granting it, or completed again after a revocation)
and one the ledger says is earned that is not, and `--fix` sets each to what the ledger says."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from evennia.contrib.game_systems.achievements.achievements import (
    get_achievement_progress,
    track_achievements,
)

from world.progression.models.achievements import write_progress
from world.progression.rules.achievements import SCENE_QUALIFIED
from world.progression.services import grant_achievement, revoke_achievement
from world.progression.services.achievements import count_play

pytestmark = pytest.mark.django_db


def audit(*args) -> str:
    out = StringIO()
    call_command("progression_audit", *args, stdout=out)
    return out.getvalue()


def test_achievements_earned_granted_and_revoked_through_the_game_audit_clean(
    character, staff_account
):
    count_play([character.pk], SCENE_QUALIFIED)
    grant_achievement(character=character, key="slew_the_dragon", staff=staff_account, reason="x")
    revoke_achievement(character=character, key="first_scene", staff=staff_account, reason="y")

    assert "No mismatch" in audit()


def test_an_achievement_completed_behind_the_ledgers_back_is_caught_and_fixed(character):
    track_achievements(character, category="defeat", tracking="dragon")

    with pytest.raises(CommandError, match="1 balance"):
        call_command("progression_audit", stdout=(out := StringIO()))
    assert (
        f"achievement (slew_the_dragon) of {character.key}: completed True but ledger says False"
        in out.getvalue()
    )

    audit("--fix")

    assert get_achievement_progress(character, "slew_the_dragon") == {}
    assert "No mismatch" in audit()


def test_a_revoked_achievement_completed_again_by_hand_is_caught(character, staff_account):
    grant_achievement(character=character, key="read_the_codex", staff=staff_account, reason="x")
    revoke_achievement(character=character, key="read_the_codex", staff=staff_account, reason="y")
    write_progress(character, {"read_the_codex": {"completed": True}})

    with pytest.raises(CommandError):
        call_command("progression_audit", stdout=(out := StringIO()))

    assert "achievement (read_the_codex)" in out.getvalue()


def test_an_earned_achievement_lost_from_the_progress_is_restored_by_fix(character):
    count_play([character.pk], SCENE_QUALIFIED)
    write_progress(character, {"ten_scenes": {"progress": 1}})

    assert "completed False but ledger says True" in audit("--fix")

    assert get_achievement_progress(character, "first_scene") == {"completed": True}
    assert get_achievement_progress(character, "ten_scenes") == {"progress": 1}
    assert "No mismatch" in audit()
