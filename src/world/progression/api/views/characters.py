"""Your characters: the list, their sheets, each one's development and unlock shop, and
buying unlocks (with a preview of the purchase first)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ...models import ClassLevelUnlock, TraitRatingUnlock
from ...selectors import may_act_for
from ...selectors.api_reads import character_by_id, development_points_of, owned_characters_with_xp
from ...selectors.characters import owned_characters_with_pools
from ...selectors.previews import purchase_preview
from ...selectors.sheets import character_sheets
from ...selectors.shop import unlock_shops
from ...services.spends import get_available_unlocks_for_character, purchase_unlock
from .. import serializers as s
from ..sheet_serializers import CharacterSheetSerializer, PurchasePreviewSerializer
from .base import (
    BAD_REQUEST,
    IDEMPOTENCY_PARAMETER,
    NOT_FOUND,
    NOT_YOURS,
    UNAUTHENTICATED,
    ProgressionViewSet,
    error,
    extend_schema,
    get_or_404,
)


class CharacterViewSet(ProgressionViewSet):
    """Only the caller's own characters (another account's is a 403)."""

    lookup_value_converter = "int"

    def get_character(self, pk) -> object:
        """Your character `pk`: 404 when no character has it, 403 when it is someone else's."""
        character = character_by_id(int(pk))
        if character is None:
            raise exceptions.NotFound()
        if not may_act_for(self.account, character):
            raise exceptions.PermissionDenied("That is not one of your characters.")
        return character

    @extend_schema(
        summary="Your characters",
        responses={200: s.CharacterSummarySerializer(many=True), **UNAUTHENTICATED},
    )
    def list(self, request):
        characters = owned_characters_with_xp(self.account)
        return Response(s.CharacterSummarySerializer(characters, many=True).data)

    @extend_schema(
        summary="Your characters, each with its unlock shop",
        description="The character list and every character's shop (as "
        "`/characters/{id}/shop/` answers it) in one request, ordered like the list.",
        responses={200: s.CharacterShopSerializer(many=True), **UNAUTHENTICATED},
    )
    @action(detail=False)
    def shops(self, request):
        found = owned_characters_with_pools(self.account)
        by_character = unlock_shops([row.character for row in found], account=self.account)
        shops = [{**row._asdict(), "shop": by_character[row.character.pk]} for row in found]
        return Response(s.CharacterShopSerializer(shops, many=True).data)

    @extend_schema(
        summary="Your characters' sheets",
        description="Every character you own with its class levels, each trait's rating and "
        "development (banked points and the unlock that holds them), its path history, its "
        "goal with the requirements still unmet, and its own XP; in the same number of "
        "queries for one character or many.",
        responses={200: CharacterSheetSerializer(many=True), **UNAUTHENTICATED},
    )
    @action(detail=False)
    def sheets(self, request):
        sheets = character_sheets(self.account)
        return Response(CharacterSheetSerializer(sheets, many=True).data)

    @extend_schema(
        summary="What buying an unlock would do (nothing is spent)",
        description="The price, what each pool would give (the character's locked XP, then its "
        "transferable XP, then the account's), the banked development points it would "
        "release, and why the purchase would be refused now, if it would.",
        parameters=[
            OpenApiParameter("kind", str, enum=["class_level", "trait_rating"], required=True),
            OpenApiParameter("id", int, required=True, description="The unlock's id."),
        ],
        responses={
            200: PurchasePreviewSerializer,
            **BAD_REQUEST,
            **UNAUTHENTICATED,
            **NOT_YOURS,
            404: error("Unknown character or unlock (`not_found`)."),
        },
    )
    @action(detail=True)
    def quote(self, request, pk):
        character = self.get_character(pk)
        target = self.unlock_named_by(request.query_params)
        return Response(PurchasePreviewSerializer(purchase_preview(character, target)).data)

    def unlock_named_by(self, data):
        """The unlock a request names by `kind` and `id`: a 400 for bad input, 404 for none."""
        body = self.validated(data, s.BuyUnlockRequestSerializer)
        model = ClassLevelUnlock if body["kind"] == "class_level" else TraitRatingUnlock
        return get_or_404(model.objects, pk=body["id"])

    @extend_schema(
        summary="Development points per trait for one of your characters",
        responses={
            200: s.DevelopmentPointsSerializer(many=True),
            **UNAUTHENTICATED,
            **NOT_YOURS,
            **NOT_FOUND,
        },
    )
    @action(detail=True)
    def development(self, request, pk):
        rows = development_points_of(self.get_character(pk))
        return Response(s.DevelopmentPointsSerializer(rows, many=True).data)

    @extend_schema(
        summary="The unlock shop for one of your characters",
        description="What the character can buy now, what is locked (with the failed "
        "requirement messages) and what it already has, each with its XP cost.",
        responses={200: s.ShopSerializer, **UNAUTHENTICATED, **NOT_YOURS, **NOT_FOUND},
    )
    @action(detail=True)
    def shop(self, request, pk):
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
            404: error("Unknown character or unlock (`not_found`)."),
            409: error(
                "Already unlocked (`already_unlocked`), or idempotency key reused for a "
                "different purchase (`idempotency_conflict`)."
            ),
            422: error(
                "Insufficient XP (`insufficient_xp`, with `need` and `have`), requirements not "
                "met (`requirements_not_met`, with `failed`), not the next level "
                "(`invalid_unlock`), or not for sale: no price set, or a hidden class "
                "(`not_for_sale`)."
            ),
        },
    )
    @action(detail=True, methods=["post"], serializer_class=s.BuyUnlockRequestSerializer)
    def unlocks(self, request, pk):
        key = self.idempotency_key(f"buy-unlock:{pk}")
        character = self.get_character(pk)
        target = self.unlock_named_by(request.data)
        record = purchase_unlock(character, target, gm=None, idempotency_key=key)
        return Response(s.CharacterUnlockSerializer(record).data, status=status.HTTP_201_CREATED)
