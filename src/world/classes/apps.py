from django.apps import AppConfig


class ClassesConfig(AppConfig):
    name = "world.classes"
    label = "classes"
    verbose_name = "Classes and paths"
