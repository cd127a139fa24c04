"""Comparing accounts: the one normalisation of email addresses the alt checks use."""

from __future__ import annotations

# Providers that ignore dots in the local part and answer to more than one domain.
_DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalised_email(email: str | None) -> str | None:
    """The mailbox `email` delivers to, for telling whether two accounts share one: lower case,
    trimmed, without a `+tag` on the local part (plus-addressing) or the root dot after the
    domain (`gmail.com.`), and for Gmail without dots.

    None for an empty or malformed address: no address is not a shared address, so None never
    counts as a match.
    """
    text = (email or "").strip().lower()
    local, at, domain = text.rpartition("@")
    # "gmail.com." is the fully qualified spelling of "gmail.com": the same mailbox.
    domain = domain.rstrip(".")
    local = local.split("+", 1)[0]
    if not at or not local or not domain:
        return None
    if domain in _DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), _DOTLESS_DOMAINS[domain]
        if not local:
            return None
    return f"{local}@{domain}"


def same_mailbox(first: str | None, second: str | None) -> bool:
    """True when both addresses normalise to the same mailbox (never for empty ones)."""
    mailbox = normalised_email(first)
    return mailbox is not None and mailbox == normalised_email(second)


__all__ = ["normalised_email", "same_mailbox"]
