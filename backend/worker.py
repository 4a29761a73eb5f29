"""Scheduled jobs (expiry warnings, list editions, random draws) run here; later issues add them."""

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

# (name, every_seconds, job): filled in by the features that schedule work.
JOBS: list[tuple[str, float, Callable[[], None]]] = []


def run(stop: threading.Event, *, tick_s: float = 60.0) -> None:
    log.info("worker started with %d scheduled job(s)", len(JOBS))
    next_run = dict.fromkeys((name for name, _, _ in JOBS), 0.0)
    elapsed = 0.0
    while not stop.is_set():
        for name, every_s, job in JOBS:
            if elapsed >= next_run[name]:
                try:
                    job()
                except Exception:  # one failing job must not stop the others
                    log.exception("scheduled job %s failed", name)
                next_run[name] = elapsed + every_s
        stop.wait(tick_s)
        elapsed += tick_s


def start_in_background() -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=run, args=(stop,), name="mingliang-worker", daemon=True).start()
    return stop
