"""The signature a sticker carries, so a forged sticker (a code printed by someone else) shows."""

import base64
import hashlib
import hmac
from enum import StrEnum

from backend.config import get_settings

_CONTEXT = b"mingliang.sticker:"


class PageKind(StrEnum):
    """What a sticker points at, named by its page's path: /b/<code> or /e/<code>."""

    BUSINESS = "b"
    EQUIPMENT = "e"


def sign(code: str, kind: PageKind = PageKind.BUSINESS) -> str:
    # A business signs the code alone (stickers already printed stay valid); other kinds sign
    # their path too, so one kind's signature never vouches for another kind's page.
    scoped = code if kind == PageKind.BUSINESS else f"{kind.value}/{code}"
    digest = hmac.new(get_settings().secret_key.encode(), _CONTEXT + scoped.encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()[:12]).decode().rstrip("=")


def verify(code: str, signature: str | None, kind: PageKind = PageKind.BUSINESS) -> bool:
    return bool(signature) and hmac.compare_digest(sign(code, kind), signature or "")


def sticker_url(code: str, kind: PageKind = PageKind.BUSINESS) -> str:
    """What a sticker's QR code encodes: the public page of a business or equipment, signed."""
    return f"{get_settings().base_url}/{kind.value}/{code}?s={sign(code, kind)}"
