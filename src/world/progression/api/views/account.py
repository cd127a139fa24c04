"""Your account: the dashboard, weekly earnings, the paged histories, and kudos claims."""

from __future__ import annotations

from django.utils.cache import get_conditional_response, patch_cache_control
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ...models import CharacterXPTransaction, KudosClaimCategory, KudosTransaction, XPTransaction
from ...selectors.api_reads import kudos_balance
from ...selectors.dashboard import (
    account_dashboard,
    character_xp_history,
    kudos_history,
    weekly_earnings,
    xp_history,
)
from ...selectors.live import account_version
from ...services.kudos import claim_kudos
from .. import serializers as s
from ..filters import CharacterXPTransactionFilter, KudosTransactionFilter, XPTransactionFilter
from ..pagination import PageQuerySerializer, StrictLimitOffsetPagination, parse_page
from .base import (
    BAD_REQUEST,
    IDEMPOTENCY_PARAMETER,
    UNAUTHENTICATED,
    ProgressionViewSet,
    error,
    extend_schema,
    get_or_404,
)


class AccountViewSet(ProgressionViewSet):
    """The caller's own balances and earnings (one per caller: the router's `read` route)."""

    @extend_schema(
        summary="Your XP and kudos balances, recent transactions and claim options",
        parameters=[PageQuerySerializer],
        responses={200: s.DashboardSerializer, **BAD_REQUEST, **UNAUTHENTICATED},
    )
    def read(self, request):
        limit, offset = parse_page(request.query_params)
        data = account_dashboard(self.account, limit=limit, offset=offset)
        return Response(s.DashboardSerializer(data).data)

    @extend_schema(
        summary="XP and kudos you earned in each of the last 12 weeks, oldest first",
        responses={200: s.WeeklyEarningsSerializer, **UNAUTHENTICATED},
    )
    @action(detail=False, url_path="weekly")
    def weekly(self, request):
        return Response(s.WeeklyEarningsSerializer({"weeks": weekly_earnings(self.account)}).data)

    @extend_schema(
        summary="A token that changes whenever your balances or histories change",
        description="What an open page polls. Send the last `ETag` back as `If-None-Match`: "
        "the answer is an empty 304 until something changed, then a 200 with the new version.",
        responses={200: s.VersionSerializer, 304: None, **UNAUTHENTICATED},
    )
    @action(detail=False, url_path="version")
    def version(self, request):
        version = account_version(self.account)
        response = Response(s.VersionSerializer({"version": version}).data)
        response["ETag"] = f'"{version}"'
        # The browser asks again every time; only this account may see the answer.
        patch_cache_control(response, no_cache=True, private=True)
        return get_conditional_response(request, etag=response["ETag"], response=response)


class _HistoryViewSet(mixins.ListModelMixin, ProgressionViewSet):
    """One of the caller's ledgers, newest first, filtered and paged."""

    pagination_class = StrictLimitOffsetPagination
    filter_backends = [DjangoFilterBackend]
    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no request user
            return self.model.objects.none()
        return self.rows().order_by("-transaction_date", "-id")

    def rows(self):
        raise NotImplementedError


@extend_schema(
    summary="Your account XP history, newest first",
    responses={200: s.XPTransactionSerializer(many=True), **BAD_REQUEST, **UNAUTHENTICATED},
)
class XPHistoryViewSet(_HistoryViewSet):
    model = XPTransaction
    serializer_class = s.XPTransactionSerializer
    filterset_class = XPTransactionFilter

    def rows(self):
        return xp_history(self.account)


@extend_schema(
    summary="XP history of your characters, newest first",
    responses={
        200: s.CharacterXPTransactionSerializer(many=True),
        **BAD_REQUEST,
        **UNAUTHENTICATED,
    },
)
class CharacterXPHistoryViewSet(_HistoryViewSet):
    model = CharacterXPTransaction
    serializer_class = s.CharacterXPTransactionSerializer
    filterset_class = CharacterXPTransactionFilter

    def rows(self):
        return character_xp_history(self.account)


@extend_schema(
    summary="Your kudos history (awards and claims), newest first",
    responses={200: s.KudosTransactionSerializer(many=True), **BAD_REQUEST, **UNAUTHENTICATED},
)
class KudosHistoryViewSet(_HistoryViewSet):
    model = KudosTransaction
    serializer_class = s.KudosTransactionSerializer
    filterset_class = KudosTransactionFilter

    def rows(self):
        return kudos_history(self.account)


class KudosClaimViewSet(ProgressionViewSet):
    """Each POST creates one claim of the caller's kudos."""

    serializer_class = s.ClaimKudosRequestSerializer

    @extend_schema(
        summary="Claim (convert) kudos in an active claim category",
        request=s.ClaimKudosRequestSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            201: s.ClaimKudosResponseSerializer,
            **BAD_REQUEST,
            **UNAUTHENTICATED,
            404: error("Unknown claim category (`not_found`)."),
            409: error("Idempotency key reused for a different claim (`idempotency_conflict`)."),
            422: error("Not enough kudos (`insufficient_kudos`, with `need` and `have`)."),
        },
    )
    def create(self, request):
        key = self.idempotency_key("claim-kudos")
        body = self.validated(request.data)
        category = get_or_404(KudosClaimCategory.objects, name=body["category"])
        result = claim_kudos(
            account=self.account,
            amount=body["amount"],
            claim_category=category,
            description=body.get("description", ""),
            idempotency_key=key,
        )
        data = {
            "kudos": kudos_balance(self.account),
            "transaction": result.transaction,
            "reward_amount": result.reward_amount,
            "xp_transaction": result.xp_transaction,
        }
        return Response(s.ClaimKudosResponseSerializer(data).data, status=status.HTTP_201_CREATED)
