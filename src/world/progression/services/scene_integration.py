"""Development points earned by playing in scenes: what a finished scene awards, and awarding it.

Awards come from the scene's record (`SceneTraitUse` and `SceneMessage` rows), are keyed so a
scene can never pay a character twice for one trait, and go through the bulk development engine,
so a scene costs the same number of queries whatever its size. The point values live in settings
(PROGRESSION_SCENE_*).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db.models import Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from evennia.accounts.models import AccountDB
from evennia.objects.models import ObjectDB

from world.scenes.models import Scene, SceneMessage, SceneParticipation, SceneTraitUse
from world.traits.models import CharacterTraitValue, Trait, TraitCategory

from ..exceptions import InvalidSceneAwardError
from ..models import DevelopmentTransaction
from ..rules.development import scene_points
from ..selectors.players import player_identities
from ..types import DevelopmentSource, ProgressionReason
from .development import MAX_TRAIT_VALUE, DevelopmentAward, award_development_points_in_bulk

SOURCE_BY_CATEGORY = {
    TraitCategory.COMBAT: DevelopmentSource.COMBAT,
    TraitCategory.SOCIAL: DevelopmentSource.SOCIAL,
    TraitCategory.GENERAL: DevelopmentSource.SOCIAL,
    TraitCategory.CRAFTING: DevelopmentSource.CRAFTING,
}

SceneAwards = dict[int, dict[Trait, int]]


def development_source_for(trait: Trait) -> str:
    """The DevelopmentSource a scene records for growth in `trait` (SCENE when no better fits)."""
    return SOURCE_BY_CATEGORY.get(trait.category, DevelopmentSource.SCENE)


def scene_idempotency_key(scene: Scene, character_pk: int, trait_pk: int) -> str:
    return f"scene:{scene.pk}:{character_pk}:{trait_pk}"


def calculate_automatic_scene_awards(scene: Scene, participants: Iterable) -> SceneAwards:
    """{character pk: {Trait: points}} for what each participant did in the scene.

    Each trait used earns PROGRESSION_SCENE_POINTS_PER_USE per recorded use, at most
    PROGRESSION_SCENE_CAP_PER_TRAIT per trait. A participant who posed but used no trait earns
    PROGRESSION_SCENE_PARTICIPATION_POINTS in the trait `participation_traits` picks.
    Participants who did neither, and anyone not in `participants`, are left out, and so are
    those the alt rule does not credit (`credited_characters`).
    `participants` holds characters or SceneParticipation rows (or both).
    """
    participant_pks = credited_characters(scene, _participant_characters(scene, participants))
    if not participant_pks:
        return {}
    per_use = settings.PROGRESSION_SCENE_POINTS_PER_USE
    cap = settings.PROGRESSION_SCENE_CAP_PER_TRAIT

    awards: SceneAwards = {}
    for use in SceneTraitUse.objects.filter(
        scene_id=scene.pk, character_id__in=participant_pks
    ).select_related("trait"):
        points = scene_points(use.uses, per_use=per_use, cap=cap)
        if points > 0:
            awards.setdefault(use.character_id, {})[use.trait] = points

    posed_only = (
        set(
            SceneMessage.objects.filter(scene_id=scene.pk, character_id__in=participant_pks)
            .order_by()
            .values_list("character_id", flat=True)
            .distinct()
        )
        - awards.keys()
    )
    participation_points = settings.PROGRESSION_SCENE_PARTICIPATION_POINTS
    if posed_only and participation_points > 0:
        for character_pk, trait in participation_traits(posed_only).items():
            awards[character_pk] = {trait: participation_points}
    return awards


def credited_characters(scene: Scene, character_pks: Iterable[int]) -> set[int]:
    """The participants the alt rule (`selectors.players`) lets earn from `scene`: each played
    for an account the game can tell apart from every other player, and not the same player as
    any of the scene's GMs (a scene run by one's own alt, or by an account the game cannot tell
    apart from anyone's alt, gives nothing to players). Characters played for no account are
    not a player's, and are credited. One query, two when some account has no email."""
    character_pks = set(character_pks)
    if not character_pks:
        return set()
    rows = list(SceneParticipation.objects.filter(scene_id=scene.pk).select_related("account"))
    identities = player_identities(row.account for row in rows if row.account is not None)
    gms = {identities[row.account_id] for row in rows if row.is_gm and row.account_id}
    credited = set()
    for row in rows:
        if row.is_gm or row.character_id not in character_pks:
            continue
        identity = identities.get(row.account_id)
        # A GM nobody can tell apart (None among the GMs) could be anyone's alt: no credit.
        if row.account_id is None or (identity is not None and gms.isdisjoint({identity, None})):
            credited.add(row.character_id)
    # Characters given as participants without a participation row have no player to check.
    return credited | (character_pks - {row.character_id for row in rows})


def participation_traits(character_pks: Iterable[int]) -> dict[int, Trait]:
    """{character pk: the public trait their participation point goes to}, in at most two
    queries.

    The pick is the character's highest-valued public trait that can still grow (below 100),
    ties going to the trait whose name sorts first: posing in a scene is playing the character
    as they are, so it reinforces what they are known for. A character with no such value gets
    the first public trait by name that is not already at 100 for them. Characters with nothing
    left to grow are left out.
    """
    character_pks = set(character_pks)
    chosen: dict[int, Trait] = {}
    maxed: dict[int, set[int]] = {}
    for value in (
        CharacterTraitValue.objects.filter(character_id__in=character_pks, trait__is_public=True)
        .select_related("trait")
        .order_by("character_id", "-value", "trait__name")
    ):
        if value.value >= MAX_TRAIT_VALUE:
            maxed.setdefault(value.character_id, set()).add(value.trait_id)
        elif value.character_id not in chosen:
            chosen[value.character_id] = value.trait
    without = character_pks - chosen.keys()
    if without:
        public = list(Trait.objects.filter(is_public=True).order_by("name"))
        for character_pk in without:
            trait = next((t for t in public if t.pk not in maxed.get(character_pk, ())), None)
            if trait is not None:
                chosen[character_pk] = trait
    return chosen


def award_scene_development_points(
    scene: Scene, participants: Iterable, awards: Mapping, *, gm: AccountDB | None = None
) -> list[DevelopmentTransaction]:
    """Award `awards` ({character pk: {Trait: points}}) for `scene`, all or nothing.

    Every entry is checked before anything is written (the trait exists, the character is one
    of `participants`, the points are a positive whole number); one bad entry raises
    InvalidSceneAwardError and nothing is awarded. Points then go through the development engine
    (rate modifiers, threshold caps with banking) with reason SCENE_AWARD, the scene on every
    transaction and a key per scene, character and trait, so awarding a scene again returns the
    first transactions and adds nothing. `gm` is the account that set the awards going (who
    finished the scene), kept on each transaction.
    """
    if getattr(scene, "pk", None) is None:
        raise InvalidSceneAwardError(f"Unknown scene: {scene!r}.")
    if not isinstance(awards, Mapping):
        raise InvalidSceneAwardError("Scene awards must map character keys to {trait: points}.")
    characters = _participant_characters(scene, participants)
    requested: list[tuple[int, object, object]] = []
    for character_key, trait_points in awards.items():
        character_pk = getattr(character_key, "pk", character_key)
        if character_pk not in characters:
            raise InvalidSceneAwardError(
                f"Character {character_key} did not take part in scene '{scene.name}'."
            )
        if not isinstance(trait_points, Mapping):
            raise InvalidSceneAwardError(
                f"Awards for character {character_pk} must map traits to points."
            )
        for trait_key, amount in trait_points.items():
            if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
                raise InvalidSceneAwardError(
                    f"Scene points must be a positive whole number, not {amount!r}."
                )
            requested.append((character_pk, trait_key, amount))
    if not requested:
        return []

    traits = _existing_traits(trait_key for _, trait_key, _ in requested)
    _load_missing_characters(characters)
    description = f"Scene #{scene.pk}: {scene.name}"
    entries = []
    seen = set()
    for character_pk, trait_key, amount in sorted(
        requested, key=lambda entry: (entry[0], _trait_pk(entry[1]))
    ):
        trait = traits[_trait_pk(trait_key)]
        if (character_pk, trait.pk) in seen:
            raise InvalidSceneAwardError(
                f"Character {character_pk} is awarded {trait.name} twice in one scene."
            )
        seen.add((character_pk, trait.pk))
        entries.append(
            DevelopmentAward(
                character=characters[character_pk],
                trait=trait,
                amount=amount,
                source=development_source_for(trait),
                idempotency_key=scene_idempotency_key(scene, character_pk, trait.pk),
            )
        )
    return award_development_points_in_bulk(
        entries,
        reason=ProgressionReason.SCENE_AWARD,
        description=description,
        scene=scene,
        gm=gm,
    )


def _participant_characters(scene: Scene, participants: Iterable) -> dict[int, object]:
    """{character pk: the character, or None until loaded} for characters and participations."""
    characters: dict[int, object] = {}
    for participant in participants:
        if isinstance(participant, SceneParticipation):
            if participant.scene_id != scene.pk:
                raise InvalidSceneAwardError(
                    f"{participant} is a participation in another scene, not '{scene.name}'."
                )
            cached = SceneParticipation.character.is_cached(participant)
            characters[participant.character_id] = participant.character if cached else None
        elif getattr(participant, "pk", None) is not None:
            characters[participant.pk] = participant
        else:
            raise InvalidSceneAwardError(f"Unknown participant: {participant!r}.")
    return characters


def _load_missing_characters(characters: dict[int, object]) -> None:
    from evennia.objects.models import ObjectDB

    missing = [pk for pk, character in characters.items() if character is None]
    if missing:
        for character in ObjectDB.objects.filter(pk__in=missing):
            characters[character.pk] = character
    gone = [pk for pk, character in characters.items() if character is None]
    if gone:
        raise InvalidSceneAwardError(f"Unknown characters: {sorted(gone)}.")


def _trait_pk(trait_key) -> object:
    return getattr(trait_key, "pk", trait_key)


def _existing_traits(trait_keys: Iterable) -> dict[int, Trait]:
    """The traits the awards name, by pk, read in one query; any unknown one is refused."""
    wanted = set()
    for trait_key in trait_keys:
        pk = _trait_pk(trait_key)
        if isinstance(pk, bool) or not isinstance(pk, int):
            raise InvalidSceneAwardError(f"Unknown trait: {trait_key!r}.")
        wanted.add(pk)
    found = Trait.objects.in_bulk(wanted)
    unknown = wanted - found.keys()
    if unknown:
        raise InvalidSceneAwardError(f"Unknown traits: {sorted(unknown)}.")
    return found


def get_development_suggestions_for_character(character: ObjectDB) -> dict[str, list[Trait]]:
    """{DevelopmentSource: [public traits below 100 it would develop]} in one query.

    Groups follow DevelopmentSource's order and traits their names; each trait carries
    `current_value` (0 when the character has none yet). Empty groups are left out.
    """
    values = CharacterTraitValue.objects.filter(character_id=character.pk, trait=OuterRef("pk"))
    traits = (
        Trait.objects.filter(is_public=True)
        .exclude(Exists(values.filter(value__gte=MAX_TRAIT_VALUE)))
        .annotate(
            current_value=Coalesce(
                Subquery(values.values("value")[:1]), Value(0), output_field=IntegerField()
            )
        )
        .order_by("name")
    )
    grouped: dict[str, list[Trait]] = {source: [] for source in DevelopmentSource.values}
    for trait in traits:
        grouped[development_source_for(trait)].append(trait)
    return {DevelopmentSource(source): found for source, found in grouped.items() if found}
