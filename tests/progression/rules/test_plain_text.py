"""`plain_text` skips Evennia's markup passes for text that is already plain: the premise that
those passes leave such text as it is, checked against Evennia's own functions."""

from __future__ import annotations

from evennia.utils.ansi import strip_ansi, strip_mxp, strip_raw_ansi
from hypothesis import example, given
from hypothesis import strategies as st

from world.progression.rules.text import ELLIPSIS, _made_plain, plain_text

# Any text at all, weighted toward what markup and escapes are made of.
anything = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from("|[]{}%\x1b\n\t ;0123456789rRlctue*_^"))
)
already_plain = anything.filter(
    lambda text: text.isprintable() and "|" not in text and "  " not in text
).map(lambda text: text.strip(" "))


@given(already_plain)
@example("{rred{n and %cr colours of old")
@example("[1;31m no escape before it")
def test_evennias_passes_leave_plain_text_as_it_is(text):
    assert strip_ansi(strip_mxp(strip_raw_ansi(text))) == text
    assert _made_plain(text) == text


@given(anything, st.none() | st.integers(min_value=0, max_value=40))
@example("|rred|n and |lclook|ltlink|le", None)
@example("two  spaces", None)
@example(" a space before and after ", None)
@example("\x1b[31mred\x1b[0m\n\nsecond  line ", 10)
def test_the_shortcut_answers_as_the_full_passes_do(text, max_length):
    full = _made_plain(text)
    if max_length is not None and len(full) > max_length:
        full = full[: max(max_length - 1, 0)].rstrip() + ELLIPSIS
    assert plain_text(text, max_length=max_length) == full
