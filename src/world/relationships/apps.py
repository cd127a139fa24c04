from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "world.relationships"
    label = "relationships"
    verbose_name = "Relationships"
