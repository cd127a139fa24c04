"""The ledger primitive as the services use it (it lives with the models: a storage operation)."""

from ..models.ledger import Pool, Posting, balance_effect, ledger_totals, post

__all__ = ["Pool", "Posting", "balance_effect", "ledger_totals", "post"]
