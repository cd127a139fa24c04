"""How a history row reads to a player: one plain sentence per ledger row, the same words in
`xp/history`, on the web page, in the export, in a live notice and in the away summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..conf import progression_settings
from ..types import AchievementChange, DevelopmentSource, HistoryKind, ProgressionReason
from .achievements import achievement_name
from .ratings import rating_text
from .text import plain_text

_REASONS = dict(ProgressionReason.choices)
_SOURCES = dict(DevelopmentSource.choices)


def _shown(text) -> str:
    return plain_text(text, max_length=progression_settings.MAX_SHOWN_TEXT)


def signed(amount: int) -> str:
    return f"+{amount}" if amount > 0 else str(amount)


def unlock_text(row: Mapping) -> str:
    """ "Warrior 2" for a class level, "Swordsmanship 2.5" for a trait rating, "" for neither."""
    if row.get("level") is not None:
        return f"{_shown(row['subject'])} level {row['level']}"
    if row.get("rating") is not None:
        return f"{_shown(row['subject'])} {rating_text(row['rating'])}"
    return ""


def _why(row: Mapping) -> str:
    reason, target = row["reason"], unlock_text(row)
    # A purchase's or refund's description is the game's own wording of the same target.
    if target and reason == ProgressionReason.XP_PURCHASE:
        return f"bought {target}"
    if target and reason == ProgressionReason.REFUND:
        return f"refund of {target}"
    why = str(_REASONS.get(reason, reason))
    if description := _shown(row.get("description")):
        why = f"{why} ({description})"
    return why


def describe(row: Mapping) -> str:
    """One history row (selectors.history) as a sentence a player reads."""
    kind, amount = row["kind"], row["amount"]
    character = _shown(row.get("character_name"))
    if kind == HistoryKind.PURCHASE:
        verb = "bought" if row["reason"] != "refunded" else "bought (since refunded)"
        return f"{character} {verb} {unlock_text(row)} for {amount} XP"
    if kind == HistoryKind.DEVELOPMENT:
        return _development(row, character)
    if kind == HistoryKind.ACHIEVEMENT:
        return _achievement(row, character)
    if kind == HistoryKind.KUDOS:
        what = _shown(row.get("subject"))
        why = f"claimed for {what}" if row["reason"] == "kudos_claim" else what
        if description := _shown(row.get("description")):
            why = f"{why} ({description})"
        # Who gave it is named by the character they were playing, never their account.
        given_by = _shown(row.get("from_name"))
        giver = f" from {given_by}" if given_by and row["reason"] != "kudos_claim" else ""
        return f"{signed(amount)} kudos{giver}: {why}"
    if kind == HistoryKind.TRAIT_VALUE:
        change = signed(amount / 10) if amount % 10 else signed(amount // 10) + ".0"
        return f"{character}'s {_shown(row.get('subject'))} {change}: {_why(row)}"
    if kind == HistoryKind.CLASS_LEVEL:
        levels = "level" if abs(amount) == 1 else "levels"
        return f"{character}'s {_shown(row.get('subject'))} {signed(amount)} {levels}: {_why(row)}"
    if kind == HistoryKind.CHARACTER_XP:
        return f"{signed(amount)} {row['pool']} XP of {character}: {_why(row)}"
    for_whom = f" for {character}" if character else ""
    return f"{signed(amount)} account XP{for_whom}: {_why(row)}"


def _development(row: Mapping, character: str) -> str:
    trait, amount, banked = _shown(row.get("subject")), row["amount"], row.get("banked") or 0
    if not amount:
        if banked < 0:
            return f"{character}: {-banked} banked development in {trait} released"
        return f"{character}: {banked} development in {trait} banked"
    source = str(_SOURCES.get(row.get("pool"), row.get("pool") or ""))
    # The description says where (a scene's number and name, who taught): the game writes it.
    where = f": {description}" if (description := _shown(row.get("description"))) else ""
    text = f"{character} earned {amount} development in {trait} ({source.lower()}{where})"
    if banked > 0:
        text += f", {banked} banked until the next rating is unlocked"
    return text


def _achievement(row: Mapping, character: str) -> str:
    name = achievement_name(row.get("subject") or "")
    # A grant's or revocation's description is the reason staff gave.
    because = f": {description}" if (description := _shown(row.get("description"))) else ""
    if row["reason"] == AchievementChange.REVOKED:
        return f"{character}'s achievement {name} was revoked{because}"
    if row["reason"] == AchievementChange.GRANTED:
        return f"{character} was granted the achievement {name}{because}"
    return f"{character} earned the achievement {name}"


def summarise(rows: Iterable[Mapping]) -> str:
    """Several rows told together (one notice for one transaction): their sentences joined."""
    return "; ".join(describe(row) for row in rows)


__all__ = ["describe", "signed", "summarise", "unlock_text"]
