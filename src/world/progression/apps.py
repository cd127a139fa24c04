from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "world.progression"
    label = "progression"
    verbose_name = "Progression"

    def ready(self):
        from .commands.notices import tell_players
        from .models.written import ledger_rows_committed

        # Every committed change to a player's numbers is told to them if they are online.
        ledger_rows_committed.connect(tell_players, dispatch_uid="progression-tell-players")
