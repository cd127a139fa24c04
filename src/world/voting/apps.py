from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "world.voting"
    label = "voting"
    verbose_name = "Weekly votes"

    def ready(self):
        # The progression simulator replays the weekly pay under another vote scale through
        # this app's own rule: progression, below, cannot import it.
        from world.progression.selectors.simulation import register_weekly_pay_replay

        from .selectors import weekly_pay_changes

        register_weekly_pay_replay(weekly_pay_changes)

        from world.scenes.signals import scene_finished

        from .scene_credit import count_finished_scene

        # A finished scene that qualified counts toward its players' weekly scene bonus.
        scene_finished.connect(count_finished_scene, dispatch_uid="voting-scene-credit")
