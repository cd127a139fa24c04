"""Play with new people pays more: the weekly run pays a bonus for each player one shared a
qualifying scene with and had shared none with in the weeks before, once a pair a week, up to a
cap, an alt never counting as someone new."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest
from scene_harness import played_character

from typeclasses.factories import AccountFactory
from world.progression.models import XPTransaction
from world.progression.selectors.players import OWN_PLAYER_ATTRIBUTE
from world.scenes.factories import SceneFactory, SceneParticipationFactory, play_to_qualify
from world.scenes.models import Scene
from world.voting.scene_credit import count_finished_scene
from world.voting.selectors import new_partners_by_account
from world.voting.services import pay_week

WEEK = "2026-W47"
IN_WEEK = datetime(2026, 11, 18, 20, tzinfo=UTC)


@pytest.fixture(autouse=True)
def scale(settings):
    settings.VOTING_XP_BY_VOTE = (3, 2, 1)
    settings.VOTING_XP_PER_SCENE = 1
    settings.VOTING_SCENE_XP_CAP = 5
    settings.VOTING_NEW_PARTNER_XP = 2
    settings.VOTING_NEW_PARTNER_WEEKS = 4
    settings.VOTING_NEW_PARTNER_CAP = 3
    settings.VOTING_HOARD_CAP = None


@pytest.fixture
def cast(room):
    """Ann, Ben, Cat, Dan, Eve and Fay, each the character of an account of their own."""
    return {
        name: played_character(AccountFactory(key=name.lower()), room, name)
        for name in ("Ann", "Ben", "Cat", "Dan", "Eve", "Fay")
    }


@pytest.fixture
def ann_alt(cast, room):
    """A character of a second account of Ann's player (the same mailbox)."""
    return played_character(AccountFactory(key="annalt", email="Ann@Example.com"), room, "Anya")


def finished_scene(*characters, when=IN_WEEK, poses=3):
    """A scene `characters` played (`poses` poses each, over an hour), finished at `when`, and
    counted as voting counts a finished scene."""
    scene = SceneFactory()
    for character in characters:
        SceneParticipationFactory(scene=scene, character=character, account=character.account)
    play_to_qualify(scene, *characters, poses=poses)
    Scene.objects.filter(pk=scene.pk).update(date_finished=when, is_active=False)
    scene.refresh_from_db()
    count_finished_scene(sender=Scene, scene=scene)
    return scene


def paid(character):
    return list(
        XPTransaction.objects.filter(account=character.account).values_list("description", "amount")
    )


def weeks_before(weeks):
    return IN_WEEK - timedelta(weeks=weeks)


def test_a_player_one_has_not_played_with_pays_the_new_partner_bonus(cast):
    finished_scene(cast["Ann"], cast["Ben"])

    pay_week(week=WEEK)

    statement = f"Week {WEEK}: 0 votes received, 0 XP; 1 scene counted, 1 XP; 1 new partner, 2 XP"
    assert paid(cast["Ann"]) == paid(cast["Ben"]) == [(statement, 3)]


@pytest.mark.parametrize("weeks", [1, 2, 3, 4])
def test_a_partner_played_with_in_the_last_weeks_is_not_new(cast, weeks):
    ann, ben, cat = cast["Ann"], cast["Ben"], cast["Cat"]
    finished_scene(ann, ben, when=weeks_before(weeks))
    finished_scene(ann, ben)
    finished_scene(ann, cat)

    pay_week(week=WEEK)

    assert paid(ann) == [
        (f"Week {WEEK}: 0 votes received, 0 XP; 2 scenes counted, 2 XP; 1 new partner, 2 XP", 4)
    ]
    assert paid(ben) == [(f"Week {WEEK}: 0 votes received, 0 XP; 1 scene counted, 1 XP", 1)]


def test_a_partner_last_played_with_before_the_weeks_looked_back_over_is_new_again(cast):
    finished_scene(cast["Ann"], cast["Ben"], when=weeks_before(5))
    finished_scene(cast["Ann"], cast["Ben"])

    pay_week(week=WEEK)

    assert [amount for _, amount in paid(cast["Ann"])] == [1 + 2]
    assert [amount for _, amount in paid(cast["Ben"])] == [1 + 2]


def test_a_partner_met_through_ones_alt_is_not_new(cast, ann_alt):
    finished_scene(ann_alt, cast["Ben"], when=weeks_before(2))
    finished_scene(cast["Ann"], cast["Ben"], cast["Cat"])

    pay_week(week=WEEK)

    # Cat is new to both; Ann and Ben have met (through Ann's alt).
    assert [amount for _, amount in paid(cast["Ann"])] == [1 + 2]
    assert [amount for _, amount in paid(cast["Ben"])] == [1 + 2]
    assert [amount for _, amount in paid(cast["Cat"])] == [1 + 2 * 2]


def test_an_alt_is_never_a_new_partner(cast, ann_alt):
    # Ann plays beside her own alt: Ben is new to her player, and her alt is nobody new.
    finished_scene(cast["Ann"], ann_alt, cast["Ben"])

    pay_week(week=WEEK)

    assert [amount for _, amount in paid(cast["Ann"])] == [1 + 2]
    assert [amount for _, amount in paid(cast["Ben"])] == [1 + 2]
    assert paid(ann_alt) == []


def test_a_pair_counts_once_a_week_however_many_scenes_and_accounts_it_shared(cast, ann_alt):
    finished_scene(cast["Ann"], cast["Ben"])
    finished_scene(cast["Ann"], cast["Ben"], when=IN_WEEK + timedelta(hours=1))
    finished_scene(ann_alt, cast["Ben"], when=IN_WEEK + timedelta(hours=2))

    pay_week(week=WEEK)

    assert paid(cast["Ben"]) == [
        (f"Week {WEEK}: 0 votes received, 0 XP; 3 scenes counted, 3 XP; 1 new partner, 2 XP", 5)
    ]
    assert [amount for _, amount in paid(cast["Ann"])] == [2 + 2]
    assert [amount for _, amount in paid(ann_alt)] == [1]  # its scene, not the pair again


def test_the_bonus_stops_at_the_weekly_cap(cast):
    ann, *others = cast.values()
    for other in others:
        finished_scene(ann, other)

    pay_week(week=WEEK)

    assert paid(ann) == [
        (f"Week {WEEK}: 0 votes received, 0 XP; 5 scenes counted, 5 XP; 5 new partners, 6 XP", 11)
    ]


def test_running_the_week_again_pays_the_bonus_once(cast):
    finished_scene(cast["Ann"], cast["Ben"])
    pay_week(week=WEEK)

    again = pay_week(week=WEEK)

    assert again.paid == []
    assert [amount for _, amount in paid(cast["Ann"])] == [3]


def test_a_scene_that_did_not_qualify_makes_no_new_partner(cast):
    ann, ben, cat = cast["Ann"], cast["Ben"], cast["Cat"]
    finished_scene(ann, ben, poses=1)  # too few poses: no scene credit
    finished_scene(ann, cat)

    pay_week(week=WEEK)

    assert paid(ann) == [
        (f"Week {WEEK}: 0 votes received, 0 XP; 1 scene counted, 1 XP; 1 new partner, 2 XP", 3)
    ]
    assert paid(ben) == []


def test_the_new_partner_read_costs_the_same_for_two_players_as_for_many(
    cast, room, django_assert_max_num_queries
):
    ann, ben, *others = cast.values()
    finished_scene(ann, ben)
    with django_assert_max_num_queries(3):
        assert new_partners_by_account(WEEK, weeks=4) == {ann.account.pk: 1, ben.account.pk: 1}

    # Many more players, a history and one account staff vouched for (no email): as many reads.
    vouched = AccountFactory(key="vouched", email="")
    vouched.attributes.add(
        OWN_PLAYER_ATTRIBUTE[0], {"by": "staff"}, category=OWN_PLAYER_ATTRIBUTE[1]
    )
    more = [*others, played_character(vouched, room, "Vic")]
    more += [played_character(AccountFactory(), room, f"Extra{n}") for n in range(8)]
    for first, second in pairwise(more):
        finished_scene(first, second, when=weeks_before(1))
    for first, second in zip(more, more[2:], strict=False):
        finished_scene(first, second)
    with django_assert_max_num_queries(3):
        found = new_partners_by_account(WEEK, weeks=4)
    assert found[ann.account.pk] == 1 and found[vouched.pk] == 2
