"""`achievements`: a character's achievements with their progress, in and out of character, and
staff granting or revoking one with a reason the ledger keeps and the player is told."""

import evennia
import pytest
from told import sent_to

from world.progression.models import AchievementTransaction
from world.progression.rules.achievements import SCENE_QUALIFIED, VOTE_RECEIVED
from world.progression.services.achievements import count_play, grant_achievement

pytestmark = pytest.mark.django_db


def test_achievements_lists_each_with_its_progress(play, player):
    count_play([player.pk], SCENE_QUALIFIED)
    count_play([player.pk], VOTE_RECEIVED)
    count_play([player.pk], VOTE_RECEIVED)

    out = play(player, "achievements")

    assert "Achievements of Alice" in out.splitlines()[0]
    table = {line.split("  ")[0]: line for line in out.splitlines()}
    assert "earned" in table["First scene"]
    assert "1/10" in table["Regular"]
    assert "2/5" in table["Crowd favourite"]
    assert "not started" in table["Slew the dragon"]
    assert out.endswith("Alice has earned 2 of 10 achievements.")
    assert max(len(line) for line in out.splitlines()) <= 80


def test_switches_keep_the_contribs_filters(play, player):
    count_play([player.pk], SCENE_QUALIFIED)

    done = play(player, "achievements/done")
    started = play(player, "achievements/progress")

    assert "First scene" in done and "Regular" not in done
    assert "Regular" in started and "First scene" not in started


def test_words_look_for_achievements_by_name(play, player):
    out = play(player, "achievements dragon")

    assert "Slew the dragon" in out and "First scene" not in out
    assert play(player, "achievements zzz") == "No achievement matches 'zzz'."


def test_out_of_character_the_player_names_a_character(play, account, player):
    assert "Achievements of Alice" in play(account, "achievements alice")
    assert play(account, "achievements").startswith(
        "Out of character: 'ic Alice' or 'achievements Alice'"
    )


def test_a_player_cannot_read_another_players_achievements(play, player, other_player):
    out = play(player, "achievements Bruno = dragon")

    assert out == "You have no character called 'Bruno'."


def test_staff_grant_an_achievement_with_a_reason_and_the_player_is_told(
    play, staff, other_player, other_session, django_capture_on_commit_callbacks
):
    evennia.SESSION_HANDLER.data_out.reset_mock()
    with django_capture_on_commit_callbacks(execute=True):
        out = play(staff, "achievements/grant Bruno = slew the dragon : felled it in the plot")

    assert out == "You grant Bruno the achievement Slew the dragon: felled it in the plot"
    row = AchievementTransaction.objects.get()
    assert (row.character_id, row.achievement_key, row.reason, row.description) == (
        other_player.pk,
        "slew_the_dragon",
        "granted",
        "felled it in the plot",
    )
    assert sent_to(other_session) == [
        "|gBruno was granted the achievement Slew the dragon: felled it in the plot.|n"
    ]


def test_staff_revoke_an_achievement_and_its_progress_starts_over(
    play, staff, other_player, staff_account
):
    grant_achievement(character=other_player, key="first_scene", staff=staff_account, reason="x")

    out = play(staff, "achievements/revoke bruno = first scene : granted by mistake")

    assert out == "You revoke Bruno's achievement First scene: granted by mistake"
    assert list(AchievementTransaction.objects.order_by("id").values_list("reason", "amount")) == [
        ("granted", 1),
        ("revoked", -1),
    ]
    assert "not started" in play(staff, "achievements bruno = first scene")


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("achievements/grant Bruno = first scene", "A grant needs a reason."),
        ("achievements/grant Nobody = first scene : x", "There is no character called 'Nobody'."),
        ("achievements/grant Bruno = zzz : x", "No achievement matches 'zzz'."),
        ("achievements/revoke Bruno = first scene : x", "Bruno does not have First scene."),
    ],
)
def test_a_grant_or_revocation_that_cannot_be_done_is_one_line(
    play, staff, other_player, typed, reply
):
    assert play(staff, typed).startswith(reply)
    assert not AchievementTransaction.objects.exists()


def test_only_staff_grant_or_revoke(play, player, other_player):
    out = play(player, "achievements/grant Bruno = first scene : because")

    assert out == "Only staff can use achievements/grant."
    assert not AchievementTransaction.objects.exists()
