"""The progression web API: thin views that parse, call one service or selector, and format.

Every view here uses the progression exception handler (errors.py) and drf-spectacular's
schema class through `ProgressionAPIMixin`, leaving Evennia's own /api/ untouched.
"""

from __future__ import annotations

import string

from django.db.models import OuterRef, Subquery
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB
from rest_framework import exceptions, generics, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..models import (
    CharacterXPTransaction,
    ClassLevelUnlock,
    DevelopmentPoints,
    KudosClaimCategory,
    KudosPointsData,
    KudosSourceCategory,
    KudosTransaction,
    TraitRatingUnlock,
    XPTransaction,
)
from ..selectors import with_character_xp
from ..selectors.dashboard import account_dashboard, kudos_history, weekly_earnings, xp_history
from ..types import ProgressionReason
from . import serializers as s
from .errors import progression_exception_handler
from .filters import CharacterXPTransactionFilter, KudosTransactionFilter, XPTransactionFilter
from .pagination import PageQuerySerializer, StrictLimitOffsetPagination, parse_page

IDEMPOTENCY_HEADER = "Idempotency-Key"
_IDEMPOTENCY_MAX_LENGTH = 100
_IDEMPOTENCY_ALPHABET = frozenset(string.ascii_letters + string.digits + "-_.:")


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(s.ErrorSerializer, description=description)


UNAUTHENTICATED = {401: _error("Not logged in (`not_authenticated`).")}
BAD_REQUEST = {400: _error("Bad input (`invalid`, with `fields`).")}
NOT_YOURS = {403: _error("Not your character (`permission_denied`).")}
NOT_FOUND = {404: _error("Unknown object (`not_found`).")}
NOT_STAFF = {403: _error("Not staff (`permission_denied`).")}
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    str,
    OpenApiParameter.HEADER,
    description="Optional. Repeating a request with the same key returns the first result and "
    f"changes nothing. Up to {_IDEMPOTENCY_MAX_LENGTH} characters of A-Z a-z 0-9 - _ . :",
)


class ProgressionAPIMixin:
    schema = AutoSchema()  # drf-spectacular's, for these views only
    permission_classes = [IsAuthenticated]

    def get_exception_handler(self):
        return progression_exception_handler

    @property
    def account(self):
        return self.request.user


class IsProgressionStaff(BasePermission):
    """Evennia's Admin/Developer permission, or Django staff/superuser."""

    message = "Only staff can do that."

    def has_permission(self, request, view) -> bool:
        from ..services.kudos import is_staff_account

        user = request.user
        return bool(user and user.is_authenticated and is_staff_account(user))


def idempotency_key(request, action_name: str) -> str | None:
    """The client's Idempotency-Key namespaced by action and account, so keys never collide
    between players or between different actions of one player."""
    raw = request.headers.get(IDEMPOTENCY_HEADER)
    if raw is None:
        return None
    if not raw or len(raw) > _IDEMPOTENCY_MAX_LENGTH or not set(raw) <= _IDEMPOTENCY_ALPHABET:
        raise exceptions.ValidationError(
            {
                IDEMPOTENCY_HEADER: [
                    f"Use 1-{_IDEMPOTENCY_MAX_LENGTH} characters of A-Z a-z 0-9 - _ . :"
                ]
            }
        )
    return f"api:{action_name}:{request.user.pk}:{raw}"


def own_character_ids(account) -> list[int]:
    return [character.pk for character in account.characters.all()]


def _get_or_404(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise exceptions.NotFound()
    return found


def _kudos_balance(account) -> dict:
    row = KudosPointsData.objects.filter(account=account).first()
    earned, claimed = (row.total_earned, row.total_claimed) if row else (0, 0)
    return {"total_earned": earned, "total_claimed": claimed, "current_available": earned - claimed}


# --- Dashboard and histories ------------------------------------------------------------------


@extend_schema(
    summary="Your XP and kudos balances, recent transactions and claim options",
    parameters=[PageQuerySerializer],
    responses={200: s.DashboardSerializer, **BAD_REQUEST, **UNAUTHENTICATED},
)
class AccountDashboardView(ProgressionAPIMixin, APIView):
    def get(self, request):
        limit, offset = parse_page(request.query_params)
        data = account_dashboard(self.account, limit=limit, offset=offset)
        return Response(s.DashboardSerializer(data).data)


@extend_schema(
    summary="XP and kudos you earned in each of the last 12 weeks, oldest first",
    responses={200: s.WeeklyEarningsSerializer, **UNAUTHENTICATED},
)
class WeeklyEarningsView(ProgressionAPIMixin, APIView):
    def get(self, request):
        return Response(s.WeeklyEarningsSerializer({"weeks": weekly_earnings(self.account)}).data)


class _HistoryView(ProgressionAPIMixin, generics.ListAPIView):
    pagination_class = StrictLimitOffsetPagination
    filter_backends = [DjangoFilterBackend]


@extend_schema(
    summary="Your account XP history, newest first",
    responses={200: s.XPTransactionSerializer(many=True), **BAD_REQUEST, **UNAUTHENTICATED},
)
class XPTransactionListView(_HistoryView):
    serializer_class = s.XPTransactionSerializer
    filterset_class = XPTransactionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user
            return XPTransaction.objects.none()
        return xp_history(self.account).order_by("-transaction_date", "-id")


@extend_schema(
    summary="XP history of your characters, newest first",
    responses={
        200: s.CharacterXPTransactionSerializer(many=True),
        **BAD_REQUEST,
        **UNAUTHENTICATED,
    },
)
class CharacterXPTransactionListView(_HistoryView):
    serializer_class = s.CharacterXPTransactionSerializer
    filterset_class = CharacterXPTransactionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CharacterXPTransaction.objects.none()
        return (
            CharacterXPTransaction.objects.filter(character_id__in=own_character_ids(self.account))
            .select_related("character")
            .order_by("-transaction_date", "-id")
        )


@extend_schema(
    summary="Your kudos history (awards and claims), newest first",
    responses={200: s.KudosTransactionSerializer(many=True), **BAD_REQUEST, **UNAUTHENTICATED},
)
class KudosTransactionListView(_HistoryView):
    serializer_class = s.KudosTransactionSerializer
    filterset_class = KudosTransactionFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return KudosTransaction.objects.none()
        return kudos_history(self.account).order_by("-transaction_date", "-id")


# --- Kudos claims -----------------------------------------------------------------------------


@extend_schema(
    summary="Claim (convert) kudos in an active claim category",
    request=s.ClaimKudosRequestSerializer,
    parameters=[IDEMPOTENCY_PARAMETER],
    responses={
        201: s.ClaimKudosResponseSerializer,
        **BAD_REQUEST,
        **UNAUTHENTICATED,
        404: _error("Unknown claim category (`not_found`)."),
        409: _error("Idempotency key reused for a different claim."),
        422: _error("Not enough kudos (`insufficient_kudos`, with `need` and `have`)."),
    },
)
class ClaimKudosView(ProgressionAPIMixin, APIView):
    def post(self, request):
        key = idempotency_key(request, "claim-kudos")
        body = s.ClaimKudosRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        category = _get_or_404(KudosClaimCategory.objects, name=body.validated_data["category"])
        from ..services.kudos import claim_kudos

        result = claim_kudos(
            account=self.account,
            amount=body.validated_data["amount"],
            claim_category=category,
            description=body.validated_data.get("description", ""),
            idempotency_key=key,
        )
        data = {
            "kudos": _kudos_balance(self.account),
            "transaction": result.transaction,
            "reward_amount": result.reward_amount,
            "xp_transaction": result.xp_transaction,
        }
        return Response(s.ClaimKudosResponseSerializer(data).data, status=status.HTTP_201_CREATED)


# --- Characters: shop, development, buying unlocks --------------------------------------------


class _CharacterView(ProgressionAPIMixin, APIView):
    """Views about one of the caller's characters, named by `pk` in the URL."""

    def get_character(self, pk: int):
        """Your character `pk`: 404 when no character has it, 403 when it is someone else's."""
        from typeclasses.characters import Character

        character = ObjectDB.objects.filter(pk=pk).first()
        if character is None or not character.is_typeclass(Character, exact=False):
            raise exceptions.NotFound()
        if character.pk not in own_character_ids(self.account):
            raise exceptions.PermissionDenied("That is not one of your characters.")
        return character


@extend_schema(
    summary="Your characters",
    responses={200: s.CharacterSummarySerializer(many=True), **UNAUTHENTICATED},
)
class CharacterListView(ProgressionAPIMixin, APIView):
    def get(self, request):
        characters = with_character_xp(
            ObjectDB.objects.filter(pk__in=own_character_ids(self.account))
        )
        return Response(s.CharacterSummarySerializer(characters.order_by("db_key"), many=True).data)


@extend_schema(
    summary="Development points per trait for one of your characters",
    responses={
        200: s.DevelopmentPointsSerializer(many=True),
        **UNAUTHENTICATED,
        **NOT_YOURS,
        **NOT_FOUND,
    },
)
class CharacterDevelopmentView(_CharacterView):
    def get(self, request, pk: int):
        from world.traits.models import CharacterTraitValue

        character = self.get_character(pk)
        current = CharacterTraitValue.objects.filter(
            character=character, trait=OuterRef("trait")
        ).values("value")[:1]
        rows = (
            DevelopmentPoints.objects.filter(character=character)
            .select_related("trait")
            .annotate(current_value=Subquery(current))
            .order_by("trait__name")
        )
        return Response(s.DevelopmentPointsSerializer(rows, many=True).data)


@extend_schema(
    summary="The unlock shop for one of your characters",
    description="What the character can buy now, what is locked (with the failed requirement "
    "messages) and what it already has, each with its XP cost.",
    responses={200: s.ShopSerializer, **UNAUTHENTICATED, **NOT_YOURS, **NOT_FOUND},
)
class CharacterShopView(_CharacterView):
    def get(self, request, pk: int):
        from ..services.spends import get_available_unlocks_for_character

        shop = get_available_unlocks_for_character(self.get_character(pk))
        return Response(s.ShopSerializer(shop).data)


@extend_schema(
    summary="Buy an unlock for one of your characters",
    request=s.BuyUnlockRequestSerializer,
    parameters=[IDEMPOTENCY_PARAMETER],
    responses={
        201: s.CharacterUnlockSerializer,
        **BAD_REQUEST,
        **UNAUTHENTICATED,
        **NOT_YOURS,
        404: _error("Unknown character or unlock (`not_found`)."),
        409: _error("Already unlocked (`already_unlocked`), or idempotency key reused."),
        422: _error(
            "Insufficient XP (`insufficient_xp`, with `need` and `have`), requirements not met "
            "(`requirements_not_met`, with `failed`), or not the next level (`invalid_unlock`)."
        ),
    },
)
class BuyUnlockView(_CharacterView):
    def post(self, request, pk: int):
        key = idempotency_key(request, f"buy-unlock:{pk}")
        character = self.get_character(pk)
        body = s.BuyUnlockRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        kind = body.validated_data["kind"]
        model = ClassLevelUnlock if kind == "class_level" else TraitRatingUnlock
        target = _get_or_404(model.objects, pk=body.validated_data["id"])

        from ..services.spends import purchase_unlock

        record = purchase_unlock(character, target, gm=None, idempotency_key=key)
        return Response(s.CharacterUnlockSerializer(record).data, status=status.HTTP_201_CREATED)


# --- Staff awards -----------------------------------------------------------------------------


class _StaffView(ProgressionAPIMixin, APIView):
    permission_classes = [IsAuthenticated, IsProgressionStaff]


def _account_or_404(username: str):
    return _get_or_404(AccountDB.objects, username__iexact=username.strip())


@extend_schema(
    summary="Staff: award account XP",
    request=s.AwardXPRequestSerializer,
    parameters=[IDEMPOTENCY_PARAMETER],
    responses={
        201: s.XPTransactionSerializer,
        **BAD_REQUEST,
        **UNAUTHENTICATED,
        **NOT_STAFF,
        404: _error("Unknown account (`not_found`)."),
        409: _error("Idempotency key reused for a different award."),
    },
)
class AwardXPView(_StaffView):
    def post(self, request):
        key = idempotency_key(request, "award-xp")
        body = s.AwardXPRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        account = _account_or_404(body.validated_data["account"])
        from ..services.awards import award_xp

        transaction = award_xp(
            account,
            body.validated_data["amount"],
            reason=ProgressionReason.GM_AWARD,
            description=body.validated_data["description"],
            gm=self.account,
            idempotency_key=key,
        )
        return Response(s.XPTransactionSerializer(transaction).data, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="Staff: award kudos",
    request=s.AwardKudosRequestSerializer,
    parameters=[IDEMPOTENCY_PARAMETER],
    responses={
        201: s.KudosTransactionSerializer,
        **BAD_REQUEST,
        **UNAUTHENTICATED,
        403: _error("Not staff, or awarding yourself (`self_award`)."),
        404: _error("Unknown account, category or character (`not_found`)."),
        409: _error("Idempotency key reused for a different award."),
    },
)
class AwardKudosView(_StaffView):
    def post(self, request):
        key = idempotency_key(request, "award-kudos")
        body = s.AwardKudosRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        account = _account_or_404(data["account"])
        category = _get_or_404(KudosSourceCategory.objects, name=data["category"])
        character = None
        if "character" in data:
            character = _get_or_404(ObjectDB.objects, pk=data["character"])
        from ..services.kudos import award_kudos

        result = award_kudos(
            account=account,
            amount=data.get("amount", category.default_amount),
            source_category=category,
            description=data["description"],
            awarded_by=self.account,
            character=character,
            idempotency_key=key,
        )
        return Response(
            s.KudosTransactionSerializer(result.transaction).data, status=status.HTTP_201_CREATED
        )


# --- Staff economy report -----------------------------------------------------------------------


@extend_schema(
    summary="Staff: the economy report (issued/spent per week and reason, top earners, "
    "possible vote trading)",
    parameters=[s.ReportQuerySerializer],
    responses={200: s.EconomyReportSerializer, **BAD_REQUEST, **UNAUTHENTICATED, **NOT_STAFF},
)
class EconomyReportView(_StaffView):
    def get(self, request):
        from ..selectors.reports import economy_report

        query = s.ReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(s.EconomyReportSerializer(economy_report(**query.validated_data)).data)


@csrf_exempt  # it changes nothing; without this a POST gets Django's HTML CSRF page instead
def unknown_route(request, *args, **kwargs):
    """JSON 404 for any path under /api/progression/ that names no endpoint."""

    return JsonResponse(
        {"code": "not_found", "detail": f"No such API endpoint: {request.path}"}, status=404
    )
