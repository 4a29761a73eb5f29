"""Administrative penalties (行政处罚), public for their publication period."""
