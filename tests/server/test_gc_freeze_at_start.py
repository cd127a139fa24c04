"""The server freezes its start-up heap so full garbage collections do not walk it."""

import gc

from server.conf.at_server_startstop import at_server_start


def test_server_start_freezes_the_heap_loaded_so_far():
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        at_server_start()
        assert gc.get_freeze_count() > 1000  # Django and Evennia are loaded in a test run
    finally:
        gc.unfreeze()
