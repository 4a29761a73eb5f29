"""QR code images of a URL: PNG for screens and printing, SVG for scaling without blur."""

import io
from functools import lru_cache

import qrcode
from PIL import Image
from qrcode.image.svg import SvgPathFillImage

# Level Q restores up to a quarter of the code: stickers on shop doors get scratched and dirty.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_Q
QUIET_ZONE = 4  # modules of white border the QR standard asks for


def _code(url: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=QUIET_ZONE, box_size=10)
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_image(url: str, *, box_size: int = 10) -> Image.Image:
    """A black-on-white QR image, `box_size` pixels per module."""
    code = _code(url)
    code.box_size = box_size
    return code.make_image().get_image().convert("1")


@lru_cache(maxsize=256)
def png(url: str) -> bytes:
    buffer = io.BytesIO()
    qr_image(url).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@lru_cache(maxsize=256)
def svg(url: str) -> bytes:
    # A white background of its own, so the code still scans when placed on a dark page.
    return _code(url).make_image(image_factory=SvgPathFillImage).to_string(encoding="utf-8")
