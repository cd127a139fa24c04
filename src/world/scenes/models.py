"""Scenes: a stretch of roleplay with its participants, poses and the traits used in it."""

from django.db import models
from django.db.models import Q


class Scene(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    location = models.ForeignKey(
        "objects.ObjectDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date_started = models.DateTimeField(auto_now_add=True)
    date_finished = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-date_started"]
        constraints = [
            # A room holds at most one open scene: poses there must know which scene they join.
            # The partial index is also what finds the open scene of a room.
            models.UniqueConstraint(
                fields=["location"],
                condition=Q(date_finished__isnull=True, location__isnull=False),
                name="scene_one_open_per_room",
            )
        ]

    @property
    def is_finished(self) -> bool:
        return self.date_finished is not None

    def __str__(self) -> str:
        return self.name


class SceneParticipation(models.Model):
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="participations")
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="scene_participations"
    )
    account = models.ForeignKey(
        "accounts.AccountDB", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_gm = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "character"], name="participation_once_per_scene"
            )
        ]

    def __str__(self) -> str:
        return f"{self.character} in {self.scene}"


class SceneMessage(models.Model):
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="messages")
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="scene_messages"
    )
    content = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        indexes = [
            models.Index(fields=["scene", "character"], name="scenemessage_by_scene_char"),
            # A page of a scene's log is read in this order, from this index alone.
            models.Index(fields=["scene", "created", "id"], name="scenemessage_log_order"),
        ]

    def __str__(self) -> str:
        return f"{self.character}: {self.content[:40]}"


class SceneTraitUse(models.Model):
    scene = models.ForeignKey(Scene, on_delete=models.CASCADE, related_name="trait_uses")
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="scene_trait_uses"
    )
    trait = models.ForeignKey("traits.Trait", on_delete=models.CASCADE, related_name="scene_uses")
    uses = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "character", "trait"], name="traituse_once_per_scene_char_trait"
            ),
            models.CheckConstraint(condition=Q(uses__gte=1), name="traituse_uses_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.character} used {self.trait} x{self.uses} in {self.scene}"
