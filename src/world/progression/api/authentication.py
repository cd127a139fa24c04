"""Who is calling the API: the website's logged-in session, with Django's CSRF check on every
write, and nothing else. HTTP Basic is not accepted: a browser remembers Basic credentials after
one challenge and then sends them with any site's form, which no CSRF check covers."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import resolve_url
from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication


class WebsiteSessionAuthentication(SessionAuthentication):
    """DRF's session authentication (CSRF enforced on unsafe methods), answering an anonymous
    caller with a 401 whose challenge names the login form, not a Basic prompt. A 401 must carry
    a challenge (RFC 9110 §15.5.2); browsers prompt only for the schemes they know (Basic,
    Digest, Negotiate), and this one, from the Cookie authentication draft
    (draft-broyer-http-cookie-auth), tells a client where to log in."""

    def authenticate_header(self, request) -> str:
        return (
            f'Cookie realm="{settings.SERVERNAME}", '
            f'form-action="{resolve_url(settings.LOGIN_URL)}", '
            f'cookie-name="{settings.SESSION_COOKIE_NAME}"'
        )


class WebsiteSessionScheme(SessionScheme):
    """The schema documents it as drf-spectacular documents DRF's session authentication (the
    session cookie); an extension registers itself when its module is imported."""

    target_class = WebsiteSessionAuthentication
