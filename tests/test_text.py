"""The one plain-text rule (world/text.py): whatever a player typed, `game_text` sends nothing a
telnet client would turn into a link, a colour, a line break or a terminal command."""

from evennia.server.portal.mxp import mxp_parse
from evennia.utils.ansi import parse_ansi
from hypothesis import given, settings
from hypothesis import strategies as st

from world.progression.rules.text import game_text as game_text_by_its_old_path
from world.text import game_text

PIECES = ["|", "||", "|||", "lc", "lt", "le", "lu", "l", "r", "/", "x", " ", "\x1b[2J"]


def as_telnet_client_sees(text: str) -> str:
    # As evennia/server/portal/telnet.py send_text does for a client with MXP and colour.
    return mxp_parse(parse_ansi(text + "|n", xterm256=True, mxp=True))


def harmless(text: str) -> bool:
    shown = as_telnet_client_sees(game_text(text)).removesuffix("\x1b[0m")
    return "<SEND" not in shown and "<A " not in shown and "\n" not in shown and "\x1b" not in shown


def test_links_made_by_stripping_colour_or_other_links_are_stripped_too():
    assert game_text("||lcxp/award me = 500||ltSparring|||rle") == "Sparring"
    assert harmless("lcx|lu||||lt|||rle")
    assert harmless("|l|lcQ|ltc|lexp/award me = 500|ltSparring|le")


@settings(max_examples=2_000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_no_typed_text_reaches_a_client_as_markup(text):
    assert harmless(text)


def test_the_progression_path_is_the_same_rule():
    assert game_text_by_its_old_path is game_text
