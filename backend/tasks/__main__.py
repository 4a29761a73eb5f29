"""`python -m backend.tasks <command>`: task-producing scans run by hand or from cron."""

import importlib
import sys


def main(argv: list[str]) -> int:
    commands = {"expiry-scan": "backend.expiry.cli"}
    if not argv or argv[0] not in commands:
        print(f"usage: python -m backend.tasks {{{','.join(commands)}}} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(commands[argv[0]])
    return int(module.main(argv[1:]))


if __name__ == "__main__":
    from backend.cli import run

    run(lambda: main(sys.argv[1:]))
