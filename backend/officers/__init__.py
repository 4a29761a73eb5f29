"""Enforcement officers (执法人员) and their units, with the public profile each officer has."""
