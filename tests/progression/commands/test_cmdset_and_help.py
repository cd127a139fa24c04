"""The commands are in the character and account command sets, with help entries under
"Progression"."""

import pytest

from world.progression.commands import PROGRESSION_COMMANDS

EXPECTED_KEYS = {"xp", "unlocks", "unlock", "dev", "kudos"}


def test_every_progression_command_is_in_the_character_cmdset():
    # Imported here: Evennia's flat API (default_cmds) exists only once evennia._init() ran.
    from commands.default_cmdsets import CharacterCmdSet

    cmdset = CharacterCmdSet()
    cmdset.at_cmdset_creation()

    keys = {command.key for command in cmdset.commands}

    assert keys >= EXPECTED_KEYS


@pytest.mark.parametrize("command", PROGRESSION_COMMANDS, ids=lambda c: c.key)
def test_help_entry_has_usage_and_is_filed_under_progression(command):
    assert command.help_category == "progression"  # Evennia stores categories lower-cased
    assert "Usage:" in command.__doc__
    for switch in getattr(command, "switch_options", None) or ():
        assert f"{command.key}/{switch}" in command.__doc__ or f"  {switch} " in command.__doc__


def test_every_progression_command_is_also_in_the_account_cmdset():
    from commands.default_cmdsets import AccountCmdSet

    cmdset = AccountCmdSet()
    cmdset.at_cmdset_creation()

    assert {command.key for command in cmdset.commands} >= EXPECTED_KEYS


def test_scene_finish_is_no_longer_a_progression_command():
    # The scene commands live in world.scenes now.
    assert "scene" not in {command.key for command in PROGRESSION_COMMANDS}


def test_vote_works_out_of_character():
    from commands.default_cmdsets import AccountCmdSet

    cmdset = AccountCmdSet()
    cmdset.at_cmdset_creation()

    assert "vote" in {command.key for command in cmdset.commands}
