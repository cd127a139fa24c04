"""Demo data for `make run`: each module here has an idempotent `seed()`, run in this order."""

DEMO_SEEDERS = [
    "world.progression.demo.base",
    "world.progression.demo.ledgers",
    "world.progression.demo.unlocks",
    "world.progression.demo.scenes",
    "world.voting.demo",
]
