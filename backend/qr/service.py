"""QR images and stickers for a registered business, looked up by its credit code."""

from pymongo.database import Database

from backend import i18n
from backend.businesses import service as businesses
from backend.i18n import _
from backend.qr import images, sticker
from backend.qr.signature import sticker_url

IMAGE_FORMATS = {"png": images.png, "svg": images.svg}
STICKER_FORMATS = {"png": sticker.png, "pdf": sticker.pdf}


def qr_image(db: Database, *, code: str, fmt: str) -> bytes:
    """The QR code of the business's signed public page; Invalid or NotFound for a bad code."""
    business = businesses.get(db, code=code)
    return IMAGE_FORMATS[fmt](sticker_url(business["code"]))


def qr_sticker(db: Database, *, code: str, fmt: str, language: str | None) -> bytes:
    """The printable sticker, its caption in `language` (the default language when None)."""
    business = businesses.get(db, code=code)
    with i18n.language(language):
        caption = _("Scan to see this shop's food-safety record")
    return STICKER_FORMATS[fmt](name=business["name"], code=business["code"],
                                url=sticker_url(business["code"]), caption=caption)
