"""Complaints and reports (投诉举报) from consumers, followed by an unguessable tracking code."""
