"""The one rule for a web client's address: who sent a request, seen through Evennia's portal and
any trusted proxy in front of it.

Every web request reaches Django from the portal (127.0.0.1); the portal appends the address of
the peer it accepted to X-Forwarded-For, keeping an incoming header only from a trusted proxy
(server/conf/web_plugins.py). Read from the right, skipping trusted proxies (UPSTREAM_IPS), the
first address left is the client's; anything further left was written by the client and is
ignored. When every hop is trusted the client is itself local (a player on the game's host), which
is normal, not the warning Evennia's `ip_from_request` logs for it on every request.
"""

from __future__ import annotations

from django.conf import settings
from evennia.utils.utils import match_ip


def is_trusted_proxy(address: str) -> bool:
    """Whether `address` is the portal or a proxy the game is configured to trust."""
    return any(match_ip(address, trusted) for trusted in settings.UPSTREAM_IPS)


def client_address(request) -> str:
    """The address of the client that sent a Django `request`."""
    # Oldest first: the addresses each proxy appended, then the peer that connected to Django.
    # (Evennia's ip_from_request puts the peer first and so checks it last.)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    hops.append(request.META.get("REMOTE_ADDR", ""))
    client = hops[-1]
    for hop in reversed(hops):
        client = hop
        if not is_trusted_proxy(hop):
            break
    return client


class ClientAddressMiddleware:
    """Puts the client's address where Django, django-axes and Evennia look for it (REMOTE_ADDR,
    `request.origin_ip`) and drops the forwarded header it was read from, so no later code can
    read a client-written address from it. Replaces Evennia's OriginIpMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        address = client_address(request)
        request.META["REMOTE_ADDR"] = address
        request.META.pop("HTTP_X_FORWARDED_FOR", None)
        request.origin_ip = address
        return self.get_response(request)
