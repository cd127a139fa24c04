"""Evennia's hooks on the game's web resources (settings.WEB_PLUGINS_MODULE).

The portal relays every web request to the server's Django from 127.0.0.1 and forwards the
client's headers untouched, so Django saw one address for everyone and whatever X-Forwarded-For
a client chose to send. Here the portal appends the address of the peer it accepted, keeping an
incoming X-Forwarded-For only when that peer is a trusted proxy (web/client_address.py reads it).
"""

from __future__ import annotations

from twisted.web import resource


class ForwardClientAddress(resource.Resource):
    """Wraps the portal's proxy root: stamps each request's X-Forwarded-For, then hands the
    request to the proxy (or to the webclient's ajax resource under it) unchanged."""

    def __init__(self, proxy_root):
        super().__init__()
        self.proxy_root = proxy_root

    def getChildWithDefault(self, path, request):
        _stamp_forwarded_for(request)
        return self.proxy_root.getChildWithDefault(path, request)

    def render(self, request):
        _stamp_forwarded_for(request)
        return self.proxy_root.render(request)


def _stamp_forwarded_for(request) -> None:
    from web.client_address import is_trusted_proxy

    peer = request.getClientAddress().host
    incoming = request.getHeader(b"x-forwarded-for")
    chain = f"{incoming.decode('latin-1')}, {peer}" if incoming and is_trusted_proxy(peer) else peer
    request.requestHeaders.setRawHeaders(b"x-forwarded-for", [chain.encode("latin-1")])


def at_webproxy_root_creation(web_root):
    """The portal's proxy root (Evennia calls this while building the portal)."""
    return ForwardClientAddress(web_root)


def at_webserver_root_creation(web_root):
    """The server's Django root, unchanged (Evennia calls this while building the server)."""
    return web_root
