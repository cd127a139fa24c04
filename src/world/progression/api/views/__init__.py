"""The progression API's viewsets: thin, each action parses, calls one service or selector, and
formats. Split by who they serve: your account, your characters, staff."""

from .account import (
    AccountViewSet,
    CharacterXPHistoryViewSet,
    KudosClaimViewSet,
    KudosHistoryViewSet,
    XPHistoryViewSet,
)
from .approvals import StaffApprovalRequestViewSet
from .base import unknown_route
from .characters import CharacterViewSet
from .docs import DocsView, SchemaView
from .history import ExportViewSet, HistoryViewSet
from .staff import StaffActionsViewSet

__all__ = [
    "AccountViewSet",
    "CharacterViewSet",
    "CharacterXPHistoryViewSet",
    "DocsView",
    "ExportViewSet",
    "HistoryViewSet",
    "KudosClaimViewSet",
    "KudosHistoryViewSet",
    "SchemaView",
    "StaffActionsViewSet",
    "StaffApprovalRequestViewSet",
    "XPHistoryViewSet",
    "unknown_route",
]
