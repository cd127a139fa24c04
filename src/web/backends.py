"""Authentication backends of the game's website."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for logins that come with an HTTP request.

    Evennia authenticates telnet and webclient logins without a request (which axes refuses
    outright); those are throttled by Evennia itself, so they pass through here unchecked.
    """

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)
