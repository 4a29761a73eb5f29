"""QR images and stickers for a registered business (by credit code) or special equipment."""

from pymongo.database import Database

from backend import i18n
from backend.businesses import service as businesses
from backend.equipment import service as equipment
from backend.equipment.schemas import KIND_LABELS, EquipmentKind
from backend.i18n import _
from backend.qr import images, sticker
from backend.qr.signature import PageKind, sticker_url

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


def equipment_qr_image(db: Database, *, code: str, fmt: str) -> bytes:
    """The QR code of a piece of special equipment's signed page (/e/<code>)."""
    item = equipment.get_stored(db, code=code)
    return IMAGE_FORMATS[fmt](sticker_url(item["code"], PageKind.EQUIPMENT))


def equipment_sticker(db: Database, *, code: str, fmt: str, language: str | None) -> bytes:
    """The sticker for the equipment itself (e.g. inside an elevator car): its kind and place,
    its code, and a caption inviting a fault report."""
    item = equipment.get_stored(db, code=code)
    kind = KIND_LABELS[EquipmentKind(item["kind"])]
    with i18n.language(language):
        name = " ".join(part for part in (_(kind), item.get("place", "")) if part)
        caption = _("Scan for this equipment's inspection record, or to report a fault")
    return STICKER_FORMATS[fmt](name=name, code=item["code"],
                                url=sticker_url(item["code"], PageKind.EQUIPMENT), caption=caption)
