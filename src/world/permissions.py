"""Who is staff: the one answer every app's faces and services ask (it sits below the apps, so
scenes can ask it as well as progression and voting)."""

from __future__ import annotations


def is_staff(account) -> bool:
    """Staff are superusers, Django staff, or holders of Evennia's Admin or Developer permission."""
    if account is None or not getattr(account, "is_authenticated", True):
        return False
    if account.is_superuser or account.is_staff:
        return True
    return account.permissions.check("Admin", "Developer")


__all__ = ["is_staff"]
