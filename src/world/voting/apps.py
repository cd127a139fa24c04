from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "world.voting"
    label = "voting"
    verbose_name = "Weekly votes"

    def ready(self):
        from world.scenes.signals import scene_finished

        from .scene_credit import count_finished_scene

        # A finished scene that qualified counts toward its players' weekly scene bonus.
        scene_finished.connect(count_finished_scene, dispatch_uid="voting-scene-credit")
