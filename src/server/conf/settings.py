"""Evennia settings for the game that hosts world.progression.

SQLite by default; PostgreSQL (or any database dj-database-url reads) when DATABASE_URL is set.
"""

import contextlib
import os
from pathlib import Path

import dj_database_url

_GAME_DIR = Path(__file__).resolve().parents[2]

# Evennia's default settings find the game directory by walking up from the working directory
# (and chdir-ing on the way). Start that walk inside the game directory so it stops at once,
# then give the caller (manage.py at the repository root, pytest, a script) its cwd back.
_caller_cwd = os.getcwd()
os.chdir(_GAME_DIR)
try:
    from evennia.settings_default import *  # noqa: F403
finally:
    os.chdir(_caller_cwd)

SERVERNAME = "Progression"

# This game keeps no custom lock, input, inline or prototype functions, prototypes or file help
# entries, so Evennia is not pointed at game-dir modules that would only be empty.
LOCK_FUNC_MODULES = ("evennia.locks.lockfuncs",)
INPUT_FUNC_MODULES = ["evennia.server.inputfuncs", "evennia.server.is_typing"]
FUNCPARSER_OUTGOING_MESSAGES_MODULES = ["evennia.utils.funcparser"]
FUNCPARSER_PROTOTYPE_PARSING_MODULES = ["evennia.prototypes.protfuncs"]
PROTOTYPE_MODULES = []
FILE_HELP_ENTRY_MODULES = []
SERVER_SERVICES_PLUGIN_MODULES = []
PORTAL_SERVICES_PLUGIN_MODULES = []
GAME_SLOGAN = "Every point accounted for"

# Ports: telnet, and one web port from which the portal's internal ports follow (the defaults
# are Evennia's own: 4000 telnet, 4001 web, 4002 websocket, 4005 internal web, 4006 AMP). Tests
# that start a real server move them so they never collide with a game already running.
_TELNET_PORT = int(os.environ.get("PROGRESSION_TELNET_PORT", 4000))
_WEB_PORT = int(os.environ.get("PROGRESSION_WEB_PORT", 4001))
TELNET_PORTS = [_TELNET_PORT]
WEBSERVER_PORTS = [(_WEB_PORT, _WEB_PORT + 4)]
WEBSOCKET_CLIENT_PORT = _WEB_PORT + 1
AMP_PORT = _WEB_PORT + 5

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0)}

REST_API_ENABLED = True

INSTALLED_APPS += [  # noqa: F405
    "drf_spectacular",
    "world.traits",
    "world.classes",
    "world.mechanics",
    "world.scenes",
    "world.relationships",
    "world.progression",
    "world.voting",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Players may keep alts; progression tracks each character on its own.
MAX_NR_CHARACTERS = 5

######################################################################
# Progression tuning: every rate, cap and limit staff may want to change.
######################################################################

# Account-side rules for players awarding kudos to each other (kudos/give).
PROGRESSION_KUDOS_GIVE_CATEGORY = "player_vote"
PROGRESSION_KUDOS_GIVES_PER_WEEK = 5

# Scene rewards: development points per recorded use of a trait in a scene, the most one trait
# can earn from one scene, and the point a character earns for posing without using a trait.
# The cap keeps a long scene from outpacing deliberate training; the participation point makes
# showing up worth something without being farmable (one per scene).
PROGRESSION_SCENE_POINTS_PER_USE = 2
PROGRESSION_SCENE_CAP_PER_TRAIT = 6
PROGRESSION_SCENE_PARTICIPATION_POINTS = 1

# Scenes from play (world.scenes). A scene nobody has said or posed anything in for
# SCENES_IDLE_MINUTES is ended, with its awards, by the idle-scene script, which looks every
# SCENES_IDLE_CHECK_INTERVAL seconds: long enough for a slow pose, short enough that a scene
# forgotten overnight pays out the same night.
SCENES_IDLE_MINUTES = 120
SCENES_IDLE_CHECK_INTERVAL = 600
# Trait checks (`check <trait> [vs <difficulty>]`): SCENES_CHECK_DICE dice of
# SCENES_CHECK_DIE_SIDES sides (Evennia's dice contrib), plus the trait's rating (its 0-100 value
# divided by ten, rounded down: 2.5 rolls +2), succeed when the total reaches the difficulty.
# 2d6 keeps results near the middle, so a rating point matters; an average character (rating
# 1-2) makes the default 8 a little under half the time, a rating-4 expert most of the time.
SCENES_CHECK_DICE = 2
SCENES_CHECK_DIE_SIDES = 6
SCENES_CHECK_DEFAULT_DIFFICULTY = 8
SCENES_CHECK_MAX_DIFFICULTY = 30

# Weekly votes (world.voting): each player may `vote` for VOTING_VOTES_PER_WEEK characters a
# week (one vote per character, never their own or an alt's). When an ISO week ends, the weekly
# script pays every account, in one XP ledger row, for
# - the votes its characters received: the n-th vote is worth VOTING_XP_BY_VOTE[n-1] XP and
#   votes past the list nothing (3, 2, 2, 1, 1, 1: 10 XP at most), so the first votes matter
#   most and popularity cannot be farmed;
# - the finished scenes it played or ran in that week: VOTING_XP_PER_SCENE each, at most
#   VOTING_SCENE_XP_CAP a week.
# VOTING_HOARD_CAP (None = off): accounts holding more unspent XP than this get nothing that
# week, nudging players to spend rather than bank. The script checks every
# VOTING_WEEKLY_CHECK_INTERVAL seconds; paying is keyed by account and week, so it pays once.
VOTING_VOTES_PER_WEEK = 5
VOTING_XP_BY_VOTE = (3, 2, 2, 1, 1, 1)
VOTING_XP_PER_SCENE = 1
VOTING_SCENE_XP_CAP = 5
VOTING_HOARD_CAP = None
VOTING_WEEKLY_CHECK_INTERVAL = 3600

# Scripts the server keeps running (Evennia starts them at boot).
GLOBAL_SCRIPTS = {
    "idle_scenes": {
        "typeclass": "world.scenes.scripts.IdleScenesScript",
        "repeats": -1,
        "interval": SCENES_IDLE_CHECK_INTERVAL,
        "desc": "Finishes idle scenes and hands out their awards",
    },
    "weekly_votes": {
        "typeclass": "world.voting.scripts.WeeklyVotesScript",
        "repeats": -1,
        "interval": VOTING_WEEKLY_CHECK_INTERVAL,
        "desc": "Pays last week's votes and scenes as account XP",
    },
}

# OpenAPI schema of the progression API (/api/progression/schema/). The progression views set
# drf-spectacular's schema class and their own exception handler themselves, so Evennia's
# REST_FRAMEWORK defaults (and its /api/) stay as they are.
SPECTACULAR_SETTINGS = {
    "TITLE": "Progression API",
    "DESCRIPTION": "XP, kudos, unlocks and development points of your account and characters. "
    'Every error is JSON {"code", "detail"}; see each operation for its codes.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

with contextlib.suppress(ImportError):
    from server.conf.secret_settings import *  # noqa: F403
