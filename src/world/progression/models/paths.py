"""The path a character chose at each stage milestone."""

from django.db import models
from django.utils import timezone


class CharacterPathHistory(models.Model):
    character = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="path_history"
    )
    path = models.ForeignKey("classes.Path", on_delete=models.PROTECT, related_name="selections")
    selected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "character path history"
        verbose_name_plural = "character path history"
        ordering = ["character", "path__stage", "selected_at"]
        constraints = [
            models.UniqueConstraint(fields=["character", "path"], name="pathhistory_path_once"),
        ]

    def __str__(self) -> str:
        return f"{self.character}: {self.path}"
