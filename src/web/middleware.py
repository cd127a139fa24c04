"""The game's login sharing between the website and the webclient, without a session write on
every API call.

Evennia's `SharedLoginMiddleware` logs a webclient-only session into the website and raises a
nonce in the session on every request, so that a page reload (which opens a new websocket)
keeps the webclient logged in when the old socket closes. A JSON request under /api/ opens no
websocket, so raising the nonce there only rewrites the session row: on PostgreSQL a write
transaction with a commit on every dashboard read. Here an /api/ request whose session is
already shared both ways is left alone; every other request goes through Evennia's code.
"""

from __future__ import annotations

from evennia.web.utils.middleware import SharedLoginMiddleware


class GameSharedLoginMiddleware(SharedLoginMiddleware):
    @classmethod
    def make_shared_login(cls, request):
        session = request.session
        if (
            request.path_info.startswith("/api/")
            and request.user.is_authenticated
            and session.session_key
            and session.get("website_authenticated_uid") is not None
            and session.get("webclient_authenticated_uid") is not None
        ):
            return
        super().make_shared_login(request)
