"""The bad-input pass: every progression command and every switch, in character and out of
character, fed the inputs a hostile or clumsy player types. Each run must end in exactly one line
of reply (wrapped at 80 columns when it quotes long text back), no exception out of the command
and nothing in the server log."""

import pytest

from world.classes.factories import CharacterClassFactory
from world.progression.commands.base import DATABASE_DOWN, UNEXPECTED
from world.progression.factories import ClassLevelUnlockFactory, KudosSourceCategoryFactory

BAD_INPUTS = {
    "empty": "",
    "huge number": "99999999999999999999",
    "huger number": "100000000000000000000000000000",
    "10k digits": "9" * 10_000,
    "negative": "-5",
    "zero": "0",
    "float": "2.5",
    "exponent": "1e999999",
    "not a number": "NaN",
    "arabic-indic digits": "\u0661\u0662",
    "full-width digits": "\uff11\uff12",
    "NUL": "a\x00b",
    "control characters": "\x1b[2J\x07\x08\r\nSYSTEM",
    "markup": "|r|/SYSTEM: |lcxp/award me = 500|ltclick|le|n",
    "10k characters": "x" * 10_000,
    "10k line breaks": "|/" * 5_000,
}

# Where the bad input goes in each command and switch ({} is replaced by it). Bruno is another
# player, Alice the staff member's own character.
FORMS = [
    "xp {}",
    "xp/history {}",
    "xp/award {}",
    "xp/award {} = 5",
    "xp/award Bruno = {}",
    "xp/award Bruno = 5 : {}",
    "xp/correct {}",
    "xp/correct Bruno = {} : typo",
    "xp/correct Bruno = +5 : {}",
    "unlocks {}",
    "unlock {}",
    "unlock warrior {}",
    "unlock {} 1",
    "unlock {} = warrior 1",
    "unlock Alice = {}",
    "unlock/confirm {}",
    "unlock/confirm warrior {}",
    "unlock/confirm Alice = warrior {}",
    "unlock/refund {}",
    "unlock/refund {} = warrior 1",
    "unlock/refund Bruno = warrior {}",
    "unlock/refund Bruno = warrior 1 : {}",
    "dev {}",
    "kudos {}",
    "kudos/categories {}",
    "kudos/claim {}",
    "kudos/claim {} = 10",
    "kudos/claim xp = {}",
    "kudos/give {}",
    "kudos/give {} = thanks",
    "kudos/give Bruno = {}",
    "kudos/award {}",
    "kudos/award Bruno = {} 5",
    "kudos/award Bruno = good_sport {}",
    "kudos/award Bruno = good_sport 5 : {}",
    "path {}",
    "path/choose {}",
    "train {}",
    "train {} = lore",
    "train Bruno = {}",
    "plan {}",
    "plan warrior {}",
    "plan/set {}",
    "email {}",
    "email/set {}",
    "email/set {} = bruno@example.com",
    "email/set Bruno = {}",
    "email/own {}",
    "email/own Bruno = {}",
    "email/unown {}",
]

# Typed with nothing in the blank, these are the views themselves, several lines long.
VIEWS = {
    "xp {}",
    "xp/history {}",
    "unlocks {}",
    "dev {}",
    "kudos {}",
    "kudos/categories {}",
    "path {}",
    "email {}",
}


def one_line(out: str) -> bool:
    """One line of text, which an 80-column screen may show as a few (the reply is wrapped)."""
    lines = out.splitlines()
    return (
        bool(out)
        and all(0 < len(line) <= 80 for line in lines)
        and (len(lines) == 1 or len(" ".join(lines)) > 80)
    )


@pytest.fixture
def world(db, xp_claim, vote_category):
    warrior = CharacterClassFactory(name="Warrior")
    ClassLevelUnlockFactory(character_class=warrior, target_level=1)
    KudosSourceCategoryFactory(name="good_sport", display_name="Good Sport")


@pytest.fixture
def alice(puppet, staff_account):
    """The staff member's character (staff, so that the staff switches parse their input too)."""
    return puppet(staff_account, key="Alice")


def test_every_command_and_switch_answers_bad_input_with_one_line(
    play, alice, staff_account, other_player, world, server_log
):
    runs, escaped, failed, not_one_line = 0, [], [], []
    for caller, where in ((alice, "in character"), (staff_account, "out of character")):
        for form in FORMS:
            for label, value in BAD_INPUTS.items():
                typed = form.format(value)
                runs += 1
                try:
                    out = play(caller, typed)
                except Exception as error:  # what would reach the player as a traceback
                    escaped.append((where, form, label, repr(error)))
                    continue
                if out in (UNEXPECTED, DATABASE_DOWN) or "Traceback" in out:
                    failed.append((where, form, label, out))
                elif (form not in VIEWS or value) and not one_line(out):
                    not_one_line.append((where, form, label, out[:300]))
    tracebacks = sum("Traceback" in line for line in server_log)

    print(
        f"bad-input pass: {runs} runs ({len(FORMS)} forms x {len(BAD_INPUTS)} inputs x 2), "
        f"{len(escaped)} escaped exceptions, {len(failed)} unexpected failures, "
        f"{tracebacks} tracebacks logged, {len(not_one_line)} replies not exactly one line"
    )
    assert escaped == []
    assert failed == []
    assert tracebacks == 0
    assert not_one_line == []
