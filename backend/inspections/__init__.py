"""Inspections (监督检查), recorded by the four-step method and published with their result."""
