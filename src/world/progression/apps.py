from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "world.progression"
    label = "progression"
    verbose_name = "Progression"

    def ready(self):
        from evennia.server.signals import SIGNAL_OBJECT_POST_PUPPET

        from world.scenes.signals import scene_finished

        from .commands.notices import tell_players, tell_requester
        from .commands.oob import send_progression_on_puppet
        from .models.approvals import staff_request_decided
        from .models.written import ledger_rows_committed
        from .services.scene_credit import credit_finished_scene

        # Every committed change to a player's numbers is told to them if they are online.
        ledger_rows_committed.connect(tell_players, dispatch_uid="progression-tell-players")
        # ... and a staff member hears when another decides the request they made.
        staff_request_decided.connect(tell_requester, dispatch_uid="progression-tell-requester")
        # Evennia announces the puppeting (`ic`, or the puppet taken at login): the Character
        # typeclass is imported by this app's lower layers, so it cannot call a face itself.
        SIGNAL_OBJECT_POST_PUPPET.connect(
            send_progression_on_puppet, dispatch_uid="progression-package-on-puppet"
        )
        # A finished scene pays its development here, when the farming guard lets it.
        scene_finished.connect(credit_finished_scene, dispatch_uid="progression-scene-credit")
