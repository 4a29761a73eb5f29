"""Models and statistics (review scoring, kitchen-camera detection); no database, no web."""
