"""The game's achievements, read by Evennia's achievements contrib (ACHIEVEMENT_CONTRIB_MODULES).

Each module-level dict is one achievement; its variable name is its key (lower-cased). Class
levels that need one name its key in an AchievementRequirement.

The play achievements count what the game itself reports (`world.progression.rules.achievements`
names each event by its `category` and `tracking`): a scene that qualified (the farming guard's
verdict), a vote received, an unlock bought, a lesson taught, a path chosen. The story
achievements are earned when staff grant them (`achievements/grant`), or when a game system
reports their event.
"""

# --- Play: counted by the game as it happens ---------------------------------------------------

FIRST_SCENE = {
    "name": "First scene",
    "desc": "Played a scene that counted: two players or more, each posing.",
    "category": "scene",
    "tracking": "qualified",
    "count": 1,
}

TEN_SCENES = {
    "name": "Regular",
    "desc": "Played ten scenes that counted.",
    "category": "scene",
    "tracking": "qualified",
    "count": 10,
}

FIRST_VOTE = {
    "name": "Noticed",
    "desc": "Received a player's weekly vote for your roleplay.",
    "category": "vote",
    "tracking": "received",
    "count": 1,
}

FIVE_VOTES = {
    "name": "Crowd favourite",
    "desc": "Received five votes for your roleplay.",
    "category": "vote",
    "tracking": "received",
    "count": 5,
}

FIRST_UNLOCK = {
    "name": "First step",
    "desc": "Bought a class level or trait rating with XP.",
    "category": "unlock",
    "tracking": "bought",
    "count": 1,
}

FIRST_LESSON = {
    "name": "Mentor",
    "desc": "Taught another player's character a trait.",
    "category": "teaching",
    "tracking": "given",
    "count": 1,
}

FIRST_PATH = {
    "name": "Pathfinder",
    "desc": "Chose a path at a stage milestone.",
    "category": "path",
    "tracking": "chosen",
    "count": 1,
}

# --- Story: granted by staff when the story gets there -----------------------------------------

READ_THE_CODEX = {
    "name": "Read the Codex of Tides",
    "desc": "Found and read the Codex of Tides in the harbour archive.",
    "category": "lore",
    "tracking": "codex_of_tides",
}

SLEW_THE_DRAGON = {
    "name": "Slew the dragon",
    "desc": "Stood against the dragon of the northern pass and won.",
    "category": "defeat",
    "tracking": "dragon",
}

FINISHED_THE_HARBOUR_PLOT = {
    "name": "Saved the harbour",
    "desc": "Saw the harbour plot through to its end.",
    "category": "story",
    "tracking": "harbour_plot",
}
