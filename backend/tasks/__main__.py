"""`python -m backend.tasks <command>`: task-producing scans run by hand or from cron."""

import importlib
import sys


def main(argv: list[str]) -> int:
    commands = {"expiry-scan": "backend.expiry.cli"}
    usage = f"usage: python -m backend.tasks {{{','.join(commands)}}} [options]"
    if argv[:1] in (["-h"], ["--help"]):
        print(f"{usage}\n  expiry-scan: expiring licences and certificates → notices and tasks")
        return 0
    if not argv or argv[0] not in commands:
        print(usage + (f"\nno command {argv[0]!r}" if argv else ""), file=sys.stderr)
        return 2
    module = importlib.import_module(commands[argv[0]])
    return int(module.main(argv[1:]))


if __name__ == "__main__":
    from backend.cli import run

    run(lambda: main(sys.argv[1:]))
