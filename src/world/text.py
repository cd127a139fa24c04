"""Showing text one player wrote to another player: plain, on one line, bounded.

What a player writes (a kudos reason, a scene name, a pose) is stored as written, for staff;
whatever shows it to someone else passes it through `plain_text` (web, API, admin) or
`game_text` (telnet and the web client, where `|` starts Evennia markup). Every app uses this
one rule, so it sits below them all.
"""

from __future__ import annotations

import re

from evennia.utils.ansi import ANSI_PARSER, strip_ansi, strip_mxp, strip_raw_ansi

_LINKS = (ANSI_PARSER.mxp_sub, ANSI_PARSER.mxp_url_sub)
_SPACES = re.compile(r"\s+")
# Escape sequences a terminal would obey (CSI, OSC and two-character ones).
_ESCAPES = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-_])")
ELLIPSIS = "…"


def plain_text(text: str | None, *, max_length: int | None = None) -> str:
    """`text` without Evennia markup, MXP links, ANSI escapes or control characters, its line
    breaks and runs of white space folded into single spaces, cut to `max_length` characters."""
    if not text:
        return ""
    text = str(text)
    # Text that is already plain (no markup, which starts with `|`; no escape or control
    # character, which are not printable; no run of spaces) is most of what is shown, a history
    # page is fifty of them: it skips the four passes that would leave it as it is.
    if not text.isprintable() or "|" in text or "  " in text or text != text.strip(" "):
        text = _made_plain(text)
    if max_length is not None and len(text) > max_length:
        text = text[: max(max_length - 1, 0)].rstrip() + ELLIPSIS
    return text


def _made_plain(text: str) -> str:
    text = strip_raw_ansi(_ESCAPES.sub("", text))
    text = _without_links(strip_ansi(strip_mxp(text)))
    text = "".join(char if char.isprintable() else " " for char in text)
    return _SPACES.sub(" ", text).strip()


def _without_links(text: str) -> str:
    """No link markup left, however it arose. Stripping colour can make a link of what was not
    one (`|||rle` leaves `|le`), so can stripping one link out of another; and Evennia's telnet
    protocol reads links after turning `||` into `|`, so escaping would not save one. Each pass
    removes at least six characters, so this ends."""
    while any(link.search(text) for link in _LINKS):
        text = strip_mxp(text)
    return text


def game_text(text: str | None, *, max_length: int | None = None) -> str:
    """`plain_text` made safe to send through Evennia, which would read `|` as markup."""
    return plain_text(text, max_length=max_length).replace("|", "||")


__all__ = ["game_text", "plain_text"]
