from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "world.progression"
    label = "progression"
    verbose_name = "Progression"

    def ready(self):
        from world.scenes.signals import scene_finished

        from .commands.notices import tell_players
        from .models.written import ledger_rows_committed
        from .services.scene_credit import credit_finished_scene

        # Every committed change to a player's numbers is told to them if they are online.
        ledger_rows_committed.connect(tell_players, dispatch_uid="progression-tell-players")
        # A finished scene pays its development here, when the farming guard lets it.
        scene_finished.connect(credit_finished_scene, dispatch_uid="progression-scene-credit")
