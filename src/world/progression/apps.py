from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "world.progression"
    label = "progression"
    verbose_name = "Progression"
