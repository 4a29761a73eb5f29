"""The signature a sticker carries, so a forged sticker (a code printed by someone else) shows."""

import base64
import hashlib
import hmac

from backend.config import get_settings

_CONTEXT = b"mingliang.sticker:"


def sign(code: str) -> str:
    digest = hmac.new(get_settings().secret_key.encode(), _CONTEXT + code.encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()[:12]).decode().rstrip("=")


def verify(code: str, signature: str | None) -> bool:
    return bool(signature) and hmac.compare_digest(sign(code), signature or "")


def sticker_url(code: str) -> str:
    """What a sticker's QR code encodes: the business's public page, signed."""
    return f"{get_settings().base_url}/b/{code}?s={sign(code)}"
