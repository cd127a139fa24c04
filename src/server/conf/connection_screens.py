"""The screen shown to a telnet client on connect."""

from django.conf import settings

CONNECTION_SCREEN = f"""
|b==============================================================|n
 Welcome to |g{settings.SERVERNAME}|n.

 Log in:          |wconnect <username> <password>|n
 Create account:  |wcreate <username> <password>|n
 Leave:           |wquit|n
|b==============================================================|n"""
