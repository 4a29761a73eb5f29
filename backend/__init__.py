"""Mingliang backend: domain services, the JSON API and the workers, one feature per folder."""
