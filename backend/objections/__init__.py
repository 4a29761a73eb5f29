"""Objections (异议申诉) to published records: answered within a deadline, shown as pending meanwhile."""
