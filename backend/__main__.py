"""`python -m backend …`: see backend.cli."""

from backend.cli import main, run

run(main)
