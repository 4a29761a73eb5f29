"""Public enforcement records (执法公示): inspections, penalties, officers as open data."""
