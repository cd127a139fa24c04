"""Text one player wrote, made plain before another player reads it: no colour or MXP markup,
no control characters."""

from __future__ import annotations

import re

from evennia.utils.ansi import strip_ansi, strip_mxp, strip_raw_ansi

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def plain(text: str) -> str:
    return CONTROL.sub("", strip_raw_ansi(strip_mxp(strip_ansi(text or ""))))
