"""Votes players cast for each other's roleplay, counted into account XP once a week."""

from django.db import models
from django.db.models import F, Q


class Vote(models.Model):
    """One player's vote for another's character in one ISO week (`week` is "2026-W48")."""

    voter = models.ForeignKey(
        "accounts.AccountDB", on_delete=models.CASCADE, related_name="votes_cast"
    )
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="votes_received"
    )
    # The account that owned the character when the vote was cast: it is the one paid.
    recipient = models.ForeignKey(
        "accounts.AccountDB", on_delete=models.CASCADE, related_name="votes_received"
    )
    week = models.CharField(max_length=8)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["voter", "character", "week"], name="vote_once_per_character_per_week"
            ),
            models.CheckConstraint(condition=~Q(voter=F("recipient")), name="vote_not_for_self"),
        ]
        indexes = [
            models.Index(fields=["week", "recipient"], name="vote_by_week_recipient"),
            models.Index(fields=["voter", "week"], name="vote_by_voter_week"),
        ]

    def __str__(self) -> str:
        return f"{self.voter} voted for {self.character} ({self.week})"


class SceneCredit(models.Model):
    """A qualifying scene counted toward an account's weekly scene bonus: written when the scene
    finishes (voting listens to scenes' `scene_finished`), once per player who posed in it, and
    read by the weekly run of `week` (the ISO week the scene finished in) and, for who played
    with whom, by the new-partner bonus of the weeks after."""

    scene = models.ForeignKey("scenes.Scene", on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(
        "accounts.AccountDB", on_delete=models.CASCADE, related_name="scene_credits"
    )
    week = models.CharField(max_length=8)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scene", "account"], name="scenecredit_once_per_scene_account"
            )
        ]
        indexes = [models.Index(fields=["week", "account"], name="scenecredit_by_week_account")]

    def __str__(self) -> str:
        return f"{self.account} in scene {self.scene_id} ({self.week})"
