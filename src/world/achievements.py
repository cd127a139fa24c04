"""The game's achievements, read by Evennia's achievements contrib (ACHIEVEMENT_CONTRIB_MODULES).

Each module-level dict is one achievement; its variable name is its key (lower-cased). Class
levels that need story progress name these keys in an AchievementRequirement; game systems
advance them with `track_achievements(character, category, tracking)`.
"""

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
