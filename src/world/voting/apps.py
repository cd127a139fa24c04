from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "world.voting"
    label = "voting"
    verbose_name = "Weekly votes"
