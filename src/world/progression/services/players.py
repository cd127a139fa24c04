"""Giving the alt rule what it needs: an account's email, or staff's word that an account
without one is a player of its own (`selectors.players`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from evennia.accounts.models import AccountDB
from evennia.utils import logger

from ..exceptions import ProgressionError
from ..rules.accounts import normalised_email
from ..selectors.players import OWN_PLAYER_ATTRIBUTE

MAX_EMAIL_LENGTH = 254  # RFC 5321's limit, and Django's EmailField's


def set_account_email(*, account: AccountDB, email: str, by: AccountDB) -> str:
    """Set `account`'s email (by its player or by staff); returns it. ProgressionError for an
    address that is not one. Written to the security log, old and new."""
    email = (email or "").strip()
    try:
        if len(email) > MAX_EMAIL_LENGTH or not email.isascii():
            raise ValidationError("too long or not ASCII")
        validate_email(email)
    except ValidationError:
        raise ProgressionError("That is not an email address, e.g. ann@example.com.") from None
    if normalised_email(email) is None:
        raise ProgressionError("That is not an email address, e.g. ann@example.com.")
    with transaction.atomic():
        old = account.email
        account.email = email
        account.save(update_fields=["email"])
    logger.log_sec(f"Email of {account.username} changed from {old!r} to {email!r} by {by}.")
    return email


def confirm_own_player(*, account: AccountDB, by: AccountDB, note: str = "") -> None:
    """Staff say `account`, which has no email, is a player of its own: the alt rule then lets
    it give kudos, vote, train and earn scene credit. Recorded on the account (who, when, why)
    and in the security log."""
    key, category = OWN_PLAYER_ATTRIBUTE
    record = {"by": by.username, "at": timezone.now().isoformat(), "note": note.strip()}
    account.attributes.add(key, record, category=category)
    logger.log_sec(f"{by} confirmed {account.username} as a player of its own: {note!r}.")


def withdraw_own_player(*, account: AccountDB, by: AccountDB) -> None:
    key, category = OWN_PLAYER_ATTRIBUTE
    account.attributes.remove(key, category=category)
    logger.log_sec(f"{by} withdrew {account.username}'s confirmation as a player of its own.")


__all__ = ["confirm_own_player", "set_account_email", "withdraw_own_player"]
