"""Who is which player: the one alt rule every action between players asks (kudos/give, votes,
training, scene credit).

Two accounts are one player when they share a mailbox (`rules.accounts.normalised_email`). An
account without a usable email could be anyone's alt, so it takes part in those actions only
once it has an email, or once staff have said it is a player of its own (`email/own`, recorded
on the account with who said so and when).
"""

from __future__ import annotations

from collections.abc import Iterable

from evennia.accounts.models import AccountDB

from ..exceptions import SelfAwardError, UnknownPlayerError
from ..rules.accounts import normalised_email

# Evennia attribute (key, category) on the account: {"by": staff username, "at": ISO time,
# "note": why}, set by `services.players.confirm_own_player`.
OWN_PLAYER_ATTRIBUTE = ("own_player", "progression")

SET_EMAIL_HINT = "set one with 'email <address>' or ask staff"


def player_identity(account) -> str | None:
    """What tells `account`'s player apart from every other: its mailbox, or its own id when
    staff have confirmed an account without one; None when nothing does."""
    mailbox = normalised_email(account.email)
    if mailbox is not None:
        return mailbox
    key, category = OWN_PLAYER_ATTRIBUTE
    if account.attributes.get(key, category=category):
        return f"account:{account.pk}"
    return None


def player_identities(accounts: Iterable) -> dict[int, str | None]:
    """{account pk: `player_identity`} for many accounts: one query for staff's confirmations,
    and only when some account has no usable email."""
    accounts = list(accounts)
    identities = {account.pk: normalised_email(account.email) for account in accounts}
    unknown = [pk for pk, identity in identities.items() if identity is None]
    if unknown:
        key, category = OWN_PLAYER_ATTRIBUTE
        confirmed = AccountDB.objects.filter(
            pk__in=unknown, db_attributes__db_key=key, db_attributes__db_category=category
        ).values_list("pk", flat=True)
        identities.update({pk: f"account:{pk}" for pk in confirmed})
    return identities


def same_player(first, second) -> bool:
    """True when the two accounts are one player as far as the game can tell: the same account,
    or one mailbox."""
    if first.pk == second.pk:
        return True
    identity = player_identity(first)
    return identity is not None and identity == player_identity(second)


def require_different_players(actor, other, *, alt_refusal: str, other_name: str) -> None:
    """Raise unless `actor` and `other` are known to be different players: SelfAwardError with
    `alt_refusal` for one player (the same account or a shared mailbox), UnknownPlayerError when
    either account has no identity (`other_name`: how to name the other player, a character's
    name, never an account's)."""
    if same_player(actor, other):
        raise SelfAwardError(alt_refusal)
    if player_identity(actor) is None:
        raise UnknownPlayerError(
            "Your account has no email address, so the game cannot tell you from another "
            f"player's alt: {SET_EMAIL_HINT}."
        )
    if player_identity(other) is None:
        raise UnknownPlayerError(
            f"{other_name}'s player has no email address on record, so the game cannot tell "
            "them from your alt; they can set one with 'email <address>'."
        )


__all__ = [
    "OWN_PLAYER_ATTRIBUTE",
    "player_identities",
    "player_identity",
    "require_different_players",
    "same_player",
]
