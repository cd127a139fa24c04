"""Evennia settings for the game that hosts world.progression.

SQLite by default; PostgreSQL (or any database dj-database-url reads) when DATABASE_URL is set.
"""

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
import xstatic.pkg.jquery
from django.utils.csp import CSP

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
# server.conf.inputfuncs replaces Evennia's `text` with one that reconnects to the database first.
INPUT_FUNC_MODULES = [
    "evennia.server.inputfuncs",
    "evennia.server.is_typing",
    "server.conf.inputfuncs",
]
FUNCPARSER_OUTGOING_MESSAGES_MODULES = ["evennia.utils.funcparser"]
FUNCPARSER_PROTOTYPE_PARSING_MODULES = ["evennia.prototypes.protfuncs"]
PROTOTYPE_MODULES = []
FILE_HELP_ENTRY_MODULES = []
SERVER_SERVICES_PLUGIN_MODULES = []
PORTAL_SERVICES_PLUGIN_MODULES = []
GAME_SLOGAN = "Every point accounted for"

# A command that fails shows the player one line and logs the traceback (server.log); nobody sees
# a traceback in the game (Evennia's switch is all-or-nothing; developers read the log).
IN_GAME_ERRORS = False

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
    # Each of the web server's threads keeps its connection between requests for up to a
    # minute (a new PostgreSQL connection costs about 4 ms, more than a dashboard's queries),
    # checked before it is used again, so one the database dropped is opened anew.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # A database host that stops answering must not hold the game's main thread for long:
        # the game tells the player the database is away and tries again on the next command.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
        # The hot paths' fixed statements (world.progression.models.statements) are prepared on
        # the server from their second run on a connection: parsing and planning the cold
        # offer's UNION ALL cost more than running it. psycopg prepares nothing the ORM sends
        # (Django binds those values client-side). A pooler in transaction mode must keep
        # prepared statements (PgBouncer 1.21+: max_prepared_statements), or set this to None.
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 1)

# SQLite lets one writer in at a time. By default a transaction starts as a reader and fails at
# once with "database is locked" when it tries to write while another holds the lock; starting
# every transaction as a writer (BEGIN IMMEDIATE) and waiting up to `timeout` seconds for the
# lock queues concurrent purchases and claims instead. WAL lets readers go on meanwhile.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL",
        }
    )

# Evennia's generic REST API (/api/characters/, /api/objects/, ...) let a player PATCH or DELETE
# their own characters' rows: rename, relocate, retype. The game's API is /api/progression/.
REST_API_ENABLED = False

# The game's admin site (web/adminsite.py): Evennia's, with the index grouped by concern.
INSTALLED_APPS = [
    "web.adminsite.GameAdminApp" if app == "evennia.web.utils.adminsite.EvenniaAdminApp" else app
    for app in INSTALLED_APPS  # noqa: F405
]
INSTALLED_APPS += [
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served by the game (no CDN)
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
PROGRESSION_KUDOS_GIVE_CATEGORY = "thanks"
PROGRESSION_KUDOS_GIVES_PER_WEEK = 5

# Scene rewards: development points per recorded use of a trait in a scene, the most one trait
# can earn from one scene, and the point a character earns for posing without using a trait.
# The cap keeps a long scene from outpacing deliberate training; the participation point makes
# showing up worth something without being farmable (one per scene).
PROGRESSION_SCENE_POINTS_PER_USE = 2
PROGRESSION_SCENE_CAP_PER_TRAIT = 6
PROGRESSION_SCENE_PARTICIPATION_POINTS = 1

# Story progress that class levels can require (AchievementRequirement) is tracked by Evennia's
# achievements contrib; the game's achievements are defined in this module.
ACHIEVEMENT_CONTRIB_MODULES = ["world.achievements"]
# Progress is kept in its own attribute category, apart from any attribute a builder sets.
ACHIEVEMENT_CONTRIB_ATTRIBUTE = ("progress", "achievements")

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
# `scene/log [id] [page]` shows SCENES_LOG_PAGE_SIZE poses a page, each cut to
# SCENES_LOG_POSE_LENGTH characters ('scene/read <id> <number>' shows one whole): a page stays a
# screenful and costs the same whatever the scene's size (issue 20).
SCENES_LOG_PAGE_SIZE = 10
SCENES_LOG_POSE_LENGTH = 300

# Weekly votes (world.voting): each player may `vote` for VOTING_VOTES_PER_WEEK characters a
# week (one vote per character, never their own or an alt's). When an ISO week ends, the weekly
# script pays every account, in one XP ledger row, for
# - the votes its characters received: the n-th vote is worth VOTING_XP_BY_VOTE[n-1] XP and
#   votes past the list nothing (3, 2, 2, 1, 1, 1: 10 XP at most), so the first votes matter
#   most and popularity cannot be farmed;
# - the scenes it posed in that finished that week and passed the farming guard (two different
#   players who each posed enough, for long enough: PROGRESSION_SCENE_MIN_*; a GM who never
#   posed is not counted): VOTING_XP_PER_SCENE each, at most VOTING_SCENE_XP_CAP a week;
# - the players it shared such a scene with and had shared none with in the
#   VOTING_NEW_PARTNER_WEEKS weeks before (new partners; one player's alts are one player, and
#   a pair counts once a week): VOTING_NEW_PARTNER_XP each, for at most VOTING_NEW_PARTNER_CAP.
# VOTING_HOARD_CAP (None = off): accounts holding more unspent XP than this get nothing that
# week, nudging players to spend rather than bank. The script checks every
# VOTING_WEEKLY_CHECK_INTERVAL seconds and pays every week ended since its last run (paying is
# keyed by account and week, so it pays once); it runs at a week's end, and tells the players
# online VOTING_WEEKLY_WARNING seconds before. Each paid player's ledger row is their statement.
VOTING_VOTES_PER_WEEK = 5
VOTING_XP_BY_VOTE = (3, 2, 2, 1, 1, 1)
VOTING_XP_PER_SCENE = 1
VOTING_SCENE_XP_CAP = 5
VOTING_NEW_PARTNER_XP = 2
VOTING_NEW_PARTNER_WEEKS = 4
VOTING_NEW_PARTNER_CAP = 3
VOTING_HOARD_CAP = None
VOTING_WEEKLY_CHECK_INTERVAL = 3600
VOTING_WEEKLY_WARNING = 600

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
# drf-spectacular's schema class and their own exception handler themselves; of Evennia's
# REST_FRAMEWORK defaults only the JSON parser is replaced (below).
SPECTACULAR_SETTINGS = {
    "TITLE": "Progression API",
    "DESCRIPTION": "XP, kudos, unlocks and development points of your account and characters. "
    'Every error is JSON {"code", "detail"}; see each operation for its codes.',
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page (/api/progression/docs/) loads Swagger UI from the game's static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# The progression API's JSON parser turns a body nested too deeply to parse into a 400.
# Callers are the website's session only (CSRF on every write); Evennia's defaults also take
# HTTP Basic, which a browser caches and then sends with any site's form (api/authentication.py).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "world.progression.api.authentication.WebsiteSessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "world.progression.api.parsers.ProgressionJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}

######################################################################
# Deployment defaults: hosts, security headers, login throttling, the secret key.
######################################################################

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("PROGRESSION_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

# Trusted proxies: the portal (which relays every web request to Django from this host) and
# PROGRESSION_TRUSTED_PROXIES (comma-separated addresses or CIDR subnets of the reverse proxies
# in front of the game, none by default). X-Forwarded-For is believed only as far back as it was
# written by one of these; the first address before them is the client's (web/client_address.py,
# server/conf/web_plugins.py). Evennia's webclient websocket reads the same list.
UPSTREAM_IPS = [
    "127.0.0.1",
    "::1",
    *(
        proxy.strip()
        for proxy in os.environ.get("PROGRESSION_TRUSTED_PROXIES", "").split(",")
        if proxy.strip()
    ),
]

MIDDLEWARE = [
    # First, so every later rule sees the client's address (it replaces OriginIpMiddleware).
    "web.client_address.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    *(
        # The same login sharing, without a session write on every API call (web/middleware.py).
        "web.middleware.GameSharedLoginMiddleware"
        if name == "evennia.web.utils.middleware.SharedLoginMiddleware"
        else name
        for name in MIDDLEWARE  # noqa: F405
        if name != "evennia.web.utils.middleware.OriginIpMiddleware"
    ),
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 answer.
    "axes.middleware.AxesMiddleware",
]
X_FRAME_OPTIONS = "DENY"  # the Buy and Claim buttons cannot be framed by another site
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Scripts only from the game itself: Bootstrap and jQuery are served from static files (see
# STATICFILES_DIRS), never from a CDN. Inline style attributes stay allowed (Evennia's templates
# use a few); inline scripts do not.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

STATICFILES_DIRS = [
    *STATICFILES_DIRS,  # noqa: F405
    ("vendor/bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
    ("vendor/jquery", xstatic.pkg.jquery.BASE_DIR),
]

# Website and admin logins (the API takes no password) are throttled by django-axes: after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused
# (429 on the login pages) until AXES_COOLOFF_TIME passes. The address is the client's
# (UPSTREAM_IPS above), so an attacker elsewhere cannot lock a player out. Telnet logins go
# through Evennia's own throttle instead.
INSTALLED_APPS += ["axes"]
AUTHENTICATION_BACKENDS = ["web.backends.LoginThrottleBackend", *AUTHENTICATION_BACKENDS]  # noqa: F405
AXES_FAILURE_LIMIT = int(os.environ.get("PROGRESSION_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The address is the client's as seen through the portal and trusted proxies, not the portal's.
AXES_CLIENT_IP_CALLABLE = "web.client_address.client_address"


def _ensure_secret_settings(path: Path) -> None:
    """Write a SECRET_KEY of the game's own into secret_settings.py (git-ignored, owner-only)
    the first time the game runs, so it never runs on Evennia's public default key."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w") as secret_settings:
        secret_settings.write(
            '"""This game\'s secrets, generated on its first run. Keep this file private."""\n\n'
            f"SECRET_KEY = {secrets.token_urlsafe(50)!r}\n"
        )


_ensure_secret_settings(_GAME_DIR / "server" / "conf" / "secret_settings.py")

with contextlib.suppress(ImportError):
    from server.conf.secret_settings import *  # noqa: F403
