"""`python -m analytics.reviews score|evaluate` (see cli.py)."""

import sys

from analytics.reviews.cli import main

sys.exit(main())
