"""Evennia's server start and stop hooks (AT_SERVER_STARTSTOP_MODULE)."""

import gc


def at_server_start():
    """Move everything loaded at start-up (Django, Evennia, the typeclasses) out of the garbage
    collector's reach.

    Evennia runs every command on one thread, so a full collection stalls every player. Most
    of the heap is the start-up code and data, which never becomes garbage; frozen, it is no
    longer walked by each full collection, which made the slowest scene awards several times
    slower than the median (see README, "Performance").
    """
    gc.collect()
    gc.freeze()
