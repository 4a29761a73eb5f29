"""Fixtures the backend's tests share."""

import pytest

from backend.config import get_settings


@pytest.fixture
def generous_limits():
    """Many reviews from the test client's one address within the hour."""
    settings = get_settings()
    previous = settings.review_rate_limit, settings.review_address_limit
    settings.review_rate_limit = settings.review_address_limit = 10_000
    yield settings
    settings.review_rate_limit, settings.review_address_limit = previous
