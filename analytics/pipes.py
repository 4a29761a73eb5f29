"""Command lines whose output is piped into a reader that may stop early (`| head`)."""

import os
import sys
from collections.abc import Callable

SIGPIPE_STATUS = 141  # 128 + SIGPIPE: what a shell reports for a writer whose reader went away


def run(main: Callable[[], int]) -> int:
    """Runs `main`; a reader that closed the pipe ends the run quietly, as Unix tools do, rather
    than with a traceback on stderr."""
    try:
        status = main()
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # Python flushes stdout once more at exit: point it somewhere that accepts the rest
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return SIGPIPE_STATUS
