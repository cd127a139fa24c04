"""The game's login sharing between the website and the webclient, without a session write where
there is nothing to share.

Evennia's `SharedLoginMiddleware` logs a webclient-only session into the website and raises a
nonce in the session on every request, so that a page reload (which opens a new websocket)
keeps the webclient logged in when the old socket closes. It also saves an empty session for
every request that came without one: each anonymous request (a crawler, a flood of 401s on the
API) wrote a `django_session` row. Here
- a request with neither a login nor a session is left alone: nothing to share, nothing saved
  (the webclient page makes its own session, web/urls.py);
- a JSON request under /api/ whose session is already shared both ways is left alone: it opens
  no websocket, so raising the nonce would only rewrite the row on every dashboard read;
- every other request goes through Evennia's code.
"""

from __future__ import annotations

from evennia.web.utils.middleware import SharedLoginMiddleware


class GameSharedLoginMiddleware(SharedLoginMiddleware):
    @classmethod
    def make_shared_login(cls, request):
        session = request.session
        if not session.session_key and not request.user.is_authenticated:
            return
        if (
            request.path_info.startswith("/api/")
            and request.user.is_authenticated
            and session.session_key
            and session.get("website_authenticated_uid") is not None
            and session.get("webclient_authenticated_uid") is not None
        ):
            return
        super().make_shared_login(request)
