"""`python -m analytics.reviews score|evaluate` (see cli.py)."""

import sys

from analytics import pipes
from analytics.reviews.cli import main

sys.exit(pipes.run(main))
