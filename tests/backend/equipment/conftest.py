"""QR reading for the equipment sticker tests, shared with tests/backend/qr."""

from tests.backend.qr.conftest import read_qr  # noqa: F401 - a fixture
