"""A printable sticker (门贴): the business's name, credit code, a caption and its QR code."""

import io
import re
from functools import lru_cache

from PIL import Image, ImageDraw

from backend.qr import fonts, images

DPI = 300
WIDTH, HEIGHT = 945, 1181  # 8 x 10 cm at 300 dpi
MARGIN = 70
GAP = 28
NAME_SIZES = range(80, 39, -4)  # the largest that fits the name in two lines wins
NAME_LINES = 2
CODE_SIZE = 46
CAPTION_SIZE = 36
CAPTION_LINES = 3
INK, PAPER, CUT_LINE = 0, 255, 200

# A Latin word (with the space after it) stays whole; CJK text may break after any character.
_TOKENS = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\S\s*")


def _wrap(text: str, font: fonts.Font, width: int) -> list[str]:
    lines = [""]
    for token in _TOKENS.findall(text.strip()):
        candidate = lines[-1] + token
        if lines[-1] and _measure(candidate.rstrip(), font) > width:
            lines.append(token)
        else:
            lines[-1] = candidate
    return [line.rstrip() for line in lines if line.strip()]


def _measure(text: str, font: fonts.Font) -> float:
    return ImageDraw.Draw(Image.new("L", (1, 1))).textlength(text, font=font)


def _fit(text: str, sizes: range | tuple[int, ...], most: int, width: int) -> tuple[int, list[str]]:
    """The largest size at which `text` fits in `most` lines; at the smallest, cut with an ellipsis."""
    for size in sizes:
        lines = _wrap(text, fonts.font(size), width)
        if len(lines) <= most:
            return size, lines
    font = fonts.font(size)
    kept = lines[:most]
    while kept[-1] and _measure(kept[-1] + "…", font) > width:
        kept[-1] = kept[-1][:-1]
    kept[-1] += "…"
    return size, kept


def _line_height(size: int) -> int:
    return round(size * 1.3)


def _draw_lines(draw: ImageDraw.ImageDraw, lines: list[str], size: int, top: int) -> int:
    """Centred lines from `top`; returns where the next block starts."""
    font = fonts.font(size)
    for line in lines:
        draw.text(((WIDTH - draw.textlength(line, font=font)) / 2, top), line, font=font, fill=INK)
        top += _line_height(size)
    return top


def render(*, name: str, code: str, url: str, caption: str) -> Image.Image:
    """The sticker at print resolution; the QR code takes whatever height the text leaves."""
    width = WIDTH - 2 * MARGIN
    name_size, name_lines = _fit(name, NAME_SIZES, NAME_LINES, width)
    caption_size, caption_lines = _fit(caption, (CAPTION_SIZE, 30, 26), CAPTION_LINES, width)
    text_height = (len(name_lines) * _line_height(name_size) + _line_height(CODE_SIZE)
                   + len(caption_lines) * _line_height(caption_size))
    qr_room = min(width, HEIGHT - 2 * MARGIN - text_height - 3 * GAP)
    qr = images.qr_image(url, box_size=1)
    # Whole pixels per module keep every module the same size, which readers rely on.
    qr = images.qr_image(url, box_size=max(1, qr_room // qr.width))

    sticker = Image.new("L", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(sticker)
    draw.rounded_rectangle((12, 12, WIDTH - 13, HEIGHT - 13), radius=40, outline=CUT_LINE, width=3)
    top = _draw_lines(draw, name_lines, name_size, MARGIN) + GAP
    sticker.paste(qr, ((WIDTH - qr.width) // 2, top + (qr_room - qr.height) // 2))
    top = _draw_lines(draw, [code], CODE_SIZE, top + qr_room + GAP) + GAP
    _draw_lines(draw, caption_lines, caption_size, top)
    return sticker


@lru_cache(maxsize=128)
def png(*, name: str, code: str, url: str, caption: str) -> bytes:
    buffer = io.BytesIO()
    render(name=name, code=code, url=url, caption=caption).save(
        buffer, "PNG", optimize=True, dpi=(DPI, DPI))
    return buffer.getvalue()


@lru_cache(maxsize=128)
def pdf(*, name: str, code: str, url: str, caption: str) -> bytes:
    buffer = io.BytesIO()
    # Bilevel, so Pillow stores it losslessly (CCITT G4) instead of as a JPEG that blurs the QR;
    # no creation date, so the same sticker is the same bytes and caches well.
    bilevel = render(name=name, code=code, url=url, caption=caption).point(
        lambda level: 255 if level > 160 else 0).convert("1", dither=Image.Dither.NONE)
    bilevel.save(buffer, "PDF", resolution=DPI, title=f"{name} {code}",
                 creationDate=None, modDate=None)
    return buffer.getvalue()
