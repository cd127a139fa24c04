"""The load driver behind `make load`: the real game under telnet players and API clients."""
