"""The reading pass: every game command and switch a player or staff member types, in character
and out of character, run through Evennia's command harness against the demo data, then again
with every name at its longest (30-character character names, trait and class names as long as
their columns allow). Every line every receiver reads fits 80 columns once Evennia markup is
stripped, and in-character text names characters, never the accounts behind them."""

import io
import re

import pytest
from django.core.management import call_command
from evennia.objects.models import ObjectDB
from evennia.utils.ansi import strip_ansi

from world.classes.models import CharacterClass
from world.progression.commands import PROGRESSION_COMMANDS
from world.progression.demo import base
from world.traits.models import Trait
from world.voting.commands import VOTING_COMMANDS

# A fresh database: Evennia's first-start step needs the superuser to be #1 and Limbo #2.
pytestmark = pytest.mark.django_db(transaction=True, reset_sequences=True)

WIDTH = 80
LONGEST_CHARACTER_NAME = 30
LONGEST_CATALOGUE_NAME = Trait._meta.get_field("name").max_length

# What players type ({own}: another character of theirs, {other}: another player's character
# in the room, {trait}/{class_}: a trait and a class of the shop). Most forms run; some refuse.
PLAYER_FORMS = [
    "xp",
    "xp/history",
    "xp/history 2",
    "kudos",
    "kudos/categories",
    "kudos/claim xp = 10",
    "kudos/claim xp = 15",
    "kudos/claim title = 50",
    "kudos/give {other} = thank you for the long duel at the docks, it was great fun",
    "kudos/give {other} = and again",
    "unlocks",
    "unlocks {own}",
    "unlock {class_} 2",
    "unlock {class_} 5",
    "unlock {trait} 2.0",
    "unlock {trait} 3.0",
    "unlock {own} = {class_} 2",
    "unlock/confirm {class_} 2",
    "unlock/confirm {trait} 2.0",
    "unlock/confirm {trait} 2.0",
    "dev",
    "dev {own}",
    "path",
    "path {own}",
    "path/choose Seeker",
    "path/confirm Seeker",
    "path/choose Sage",
    "path/choose {own} = Seeker",
    "path/confirm {own} = Seeker",
    "plan",
    "plan {class_} 5",
    "plan {trait} 3.0",
    "plan/set {class_} 5",
    "plan",
    "plan/clear",
    "plan {own} = {class_} 4",
    "plan/set {own} = {trait} 3.0",
    "plan {own}",
    "plan/clear {own}",
    "train {other} = {trait}",
    "train {other} = {trait}",
    "train {own}, {other} = {trait}",
    "vote",
    "vote {other}",
    "vote {other}",
    "vote {own}",
    "achievements",
    "achievements {own}",
    "achievements/all",
    "achievements/done {own} = first",
    "achievements dragon",
    "achievements {other}",
]
STAFF_FORMS = [
    "xp/award {other} = 5 : for running the harbour plot with us all evening",
    "xp/correct {other} = -1 : typo",
    "kudos/award {other} = good sport 2 : a gracious loss",
    "kudos/award {other} = staff 5",
    "unlock/refund {other} = {class_} 1 : a refund with a long reason to show it",
    "award/charxp {other} = 5 : for running the harbour plot with us all evening",
    "award/quest {other} = {trait} 3 : found the lost library under the harbour",
    "correct/trait {other} = {trait} +1 : a typo at creation",
    "correct/level {other} = {class_} +1 : a level given for the war",
    "correct/kudos {other} = -1 : counted twice",
    "xp/award {other} = 500 : for the whole war campaign, every scene of it",
    "correct/trait {other} = {trait} +25 : a starting value missed at creation",
    "approve",
    "approve 1",
    "approve/reject 1 = a typo, I meant 50 and not 500",
    "approve/reject 1 = again",
    "approve",
    "achievements/grant {other} = slew the dragon : stood at the pass with us all night long",
    "achievements {other}",
    "achievements/revoke {other} = slew the dragon : granted to the wrong character",
    "achievements/revoke {other} = slew the dragon : again",
]
HELP_FORMS = [f"help {command.key}" for command in (*PROGRESSION_COMMANDS, *VOTING_COMMANDS)]


@pytest.fixture
def demo(tmp_path, monkeypatch):
    monkeypatch.setattr(base, "credentials_file", lambda: tmp_path / ".demo_credentials")
    call_command("seed_demo", stdout=io.StringIO())
    admin = base.demo_account("admin")
    admin_character = ObjectDB.objects.get(id=1)
    player, friend = base.demo_account(base.PLAYER_KEY), base.demo_account(base.FRIEND_KEY)
    ayla, corin = base.demo_character("Ayla"), base.demo_character(base.FRIEND_CHARACTER_KEY)
    # Each playing, as after logging in: Ayla and Corin in Limbo, admin's character too.
    for character, account in ((admin_character, admin), (ayla, player), (corin, friend)):
        character.account = account
        character.location = ayla.location
    return {
        "player": player,
        "friend": friend,
        "admin": admin,
        "admin_character": admin_character,
        "ayla": ayla,
        "bren": base.demo_character("Bren"),
        "corin": corin,
    }


def lengthen_names(demo):
    """Every name at its longest: the characters, and the trait and class the forms buy."""
    for key, name in (
        ("ayla", "Aylanthe Marisol Vantreuil-Ost"),
        ("bren", "Brendaniel Osric Callowmere Jr"),
        ("corin", "Corinthea Valdemar O'Rourke Sy"),
    ):
        assert len(name) == LONGEST_CHARACTER_NAME
        demo[key].key = name
    long_trait = ("Swordsmanship of the Old Northern Marches " * 3)[:LONGEST_CATALOGUE_NAME]
    long_class = ("Warrior of the Seventh Lantern-Bearing Order " * 3)[:LONGEST_CATALOGUE_NAME]
    Trait.objects.filter(name="Swordsmanship").update(name=long_trait.strip())
    CharacterClass.objects.filter(name="Warrior").update(name=long_class.strip())
    return long_trait.strip(), long_class.strip()


def find_command(name):
    commands = (*PROGRESSION_COMMANDS, *VOTING_COMMANDS)
    return next(c for c in commands if name == c.key or name in (c.aliases or ()))


def sweep(runner, demo, *, trait="Swordsmanship", class_="Warrior"):
    """Every form, typed by each caller; yields (who, typed, receiver, reply)."""
    names = {
        "own": demo["bren"].key,
        "other": demo["corin"].key,
        "trait": trait,
        "class_": class_,
    }
    callers = [
        ("player in character", demo["ayla"], PLAYER_FORMS),
        ("player out of character", demo["player"], PLAYER_FORMS),
        ("staff in character", demo["admin_character"], STAFF_FORMS),
        ("staff out of character", demo["admin"], STAFF_FORMS),
    ]
    receivers = [demo[key] for key in ("player", "friend", "admin", "ayla", "corin")]
    # Imported here: Evennia's flat API exists only once evennia._init() ran.
    from evennia.commands.default.general import CmdLook
    from evennia.commands.default.help import CmdHelp

    from commands.default_cmdsets import CharacterCmdSet

    class CmdHelpUnpaged(CmdHelp):
        """Help as its pager pages it (the harness cannot turn pages): the same lines."""

        help_more = False

    cmdset = CharacterCmdSet()
    cmdset.at_cmdset_creation()
    for who, caller, forms in callers:
        runner.account = caller.account if hasattr(caller, "location") else caller
        looks = [] if "out of character" in who else ["look"]
        for form in [*forms, *HELP_FORMS, *looks]:
            typed = form.format(**names)
            name, args = typed.split(" ", 1) if " " in typed else (typed, "")
            if name == "help":
                command, args = CmdHelpUnpaged(), " " + args
            elif name == "look":
                command = CmdLook()
            else:
                name, args = re.match(r"([a-z]+)(.*)", typed).groups()
                command = find_command(name)()
            wanted = {receiver: None for receiver in {caller, *receivers}}
            replies = runner.call(command, args, msg=wanted, caller=caller, cmdset=cmdset)
            if name == "help":
                assert "Usage:" in replies[caller], typed  # the entry itself was read
            for receiver, reply in replies.items():
                yield who, typed, receiver, reply


def too_wide(play, demo, **names):
    return [
        (who, typed, str(receiver), len(line), line)
        for who, typed, receiver, reply in sweep(play, demo, **names)
        for line in strip_ansi(reply).splitlines()
        if len(line) > WIDTH
    ]


def report(found) -> str:
    """One line per finding, for the failure message."""
    return "\n".join(" | ".join(str(part)[:200] for part in item) for item in found)


def test_every_reply_of_every_command_fits_80_columns_with_the_demo_data(demo, play):
    wide = too_wide(play, demo)

    assert not wide, report(wide)


def test_every_reply_fits_80_columns_with_names_at_their_longest(demo, play):
    trait, class_ = lengthen_names(demo)

    wide = too_wide(play, demo, trait=trait, class_=class_)

    assert not wide, report(wide)


def test_in_character_text_never_names_an_account(demo, play):
    # Account names no character shares, so that a match can only be the account's name.
    for key, username in (("player", "Wrenhollow"), ("friend", "Quillfeather")):
        demo[key].username = username
        demo[key].save()

    # Whatever anyone reads because a character acted: the caller's reply and what others read.
    leaks = [
        (who, typed, str(receiver), reply)
        for who, typed, receiver, reply in sweep(play, demo)
        if "out of character" not in who and re.search(r"Wrenhollow|Quillfeather", reply)
    ]

    assert not leaks, report(leaks)
