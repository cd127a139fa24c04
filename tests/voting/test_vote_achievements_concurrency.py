"""Real threads on PostgreSQL: votes cast at once for one character are each counted toward its
achievements once they commit, none lost, and each achievement is earned once."""

import pytest
from evennia.contrib.game_systems.achievements.achievements import get_achievement_progress
from scene_harness import played_character, run_together

from typeclasses.factories import AccountFactory
from world.progression.models import AchievementTransaction
from world.progression.models.achievements import progress_of
from world.voting.services import cast_vote

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_votes_cast_at_once_each_count_and_earn_each_achievement_once(room):
    star = played_character(AccountFactory(), room, "Star")
    voters = iter([AccountFactory() for _ in range(6)])

    _results, errors = run_together(lambda: cast_vote(voter=next(voters), character=star))

    assert errors == []
    assert progress_of([star.pk])[star.pk]["five_votes"] == {"progress": 5, "completed": True}
    assert get_achievement_progress(star, "first_vote") == {"progress": 1, "completed": True}
    assert sorted(
        AchievementTransaction.objects.filter(character=star).values_list(
            "achievement_key", "reason"
        )
    ) == [("first_vote", "earned"), ("five_votes", "earned")]
