"""How one character stands toward another; unlock requirements read it."""

from django.db import models
from django.db.models import F, Q


class CharacterRelationship(models.Model):
    source = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="relationships_out"
    )
    target = models.ForeignKey(
        "objects.ObjectDB", on_delete=models.CASCADE, related_name="relationships_in"
    )
    level = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"], name="relationship_once_per_source_target"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="relationship_not_with_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}: {self.level}"
