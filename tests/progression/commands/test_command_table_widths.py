"""Command tables fit the player's screen: never wider than it (or than 78 columns)."""

from evennia.utils.ansi import strip_ansi


def widest(out):
    """The widest line of the table in `out`: its header row, its rule and what follows."""
    lines = [strip_ansi(line) for line in out.splitlines()]
    rule = next(index for index, line in enumerate(lines) if line.startswith("----"))
    return max(len(line) for line in lines[rule - 1 :])


def test_the_xp_ledger_fills_a_wide_screen_up_to_78(play, session, player, account, give_xp):
    session.protocol_flags["SCREENWIDTH"] = {0: 200}
    give_xp(account, 5, description="a long description of what this award was for " * 4)

    out = play(player, "xp")

    assert widest(out) == 78


def test_a_narrow_screen_gets_a_narrow_ledger_that_still_reads(
    play, session, player, account, give_xp
):
    session.protocol_flags["SCREENWIDTH"] = {0: 40}
    give_xp(account, 5, description="the scene of the duel at dawn")

    out = play(player, "xp")

    assert widest(out) <= 40
    assert "the scene of\n" in out  # the free text keeps room for whole words
