from django.apps import AppConfig


class MechanicsConfig(AppConfig):
    name = "world.mechanics"
    label = "mechanics"
    verbose_name = "Mechanics (modifiers and distinctions)"
