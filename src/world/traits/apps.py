from django.apps import AppConfig


class TraitsConfig(AppConfig):
    name = "world.traits"
    label = "traits"
    verbose_name = "Traits"
