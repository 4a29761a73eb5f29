"""Bulk open-data exports; LIVES (Local Inspector Value-Entry Specification) for consumer apps."""
