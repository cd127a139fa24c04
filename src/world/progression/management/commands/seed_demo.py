"""Load the demo data `make run` shows: idempotent, safe to run on every start."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from world.progression.demo import DEMO_SEEDERS
from world.progression.demo.base import ADMIN_KEY, FRIEND_KEY, PLAYER_KEY, demo_passwords


class Command(BaseCommand):
    help = "Create (or complete) the demo accounts, characters, traits, classes and progression."

    def handle(self, *args, **options):
        for module_name in DEMO_SEEDERS:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.seed()
        passwords = demo_passwords()
        self.stdout.write("Demo accounts (passwords kept in src/server/.demo_credentials):")
        for key in (ADMIN_KEY, PLAYER_KEY, FRIEND_KEY):
            self.stdout.write(f"  {key:<8} {passwords[key]}")
