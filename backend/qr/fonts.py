"""The CJK font stickers are drawn with, found on this machine, or Pillow's own as a fallback."""

import logging
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

log = logging.getLogger(__name__)

# (file, face index) from the Debian packages the Makefile installs or that are common; in a .ttc
# the index picks the face: Noto's Simplified Chinese face is the third.
_KNOWN = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@lru_cache(maxsize=1)
def cjk_font_file() -> tuple[str, int] | None:
    """A font with Chinese glyphs: a known file, else whatever fontconfig offers for Chinese."""
    for path, index in _KNOWN:
        if Path(path).is_file():
            return path, index
    found = _fontconfig_match() or _packaged_font()
    if found is None:
        # Stickers still print (code and QR are Latin), but Chinese names show as empty boxes.
        log.warning("No CJK font found (install fonts-wqy-microhei); stickers use Pillow's font")
    return found


def _fontconfig_match() -> tuple[str, int] | None:
    if shutil.which("fc-list") is None:
        return None
    try:
        listing = subprocess.run(["fc-list", "--format", "%{file}\t%{index}\n", ":lang=zh"],
                                 capture_output=True, text=True, timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in sorted(listing.splitlines()):
        path, _, index = line.partition("\t")
        if path:
            return path, int(index) if index.isdigit() else 0
    return None


def _packaged_font() -> tuple[str, int] | None:
    """Noto Sans CJK (SIL OFL) from the PyPI package in our dependencies: present after a plain
    `pip install`, so stickers print Chinese on a machine where nobody can install system fonts."""
    try:
        import cvttf_NotoSansCJK_Regular as packaged  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(packaged.__file__).parent / "NotoSansCJKtc-Regular.otf"
    return (str(path), 0) if path.is_file() else None


@lru_cache(maxsize=32)
def font(size: int) -> Font:
    found = cjk_font_file()
    if found is not None:
        return ImageFont.truetype(found[0], size, index=found[1])
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has only a small fixed-size bitmap font
        return ImageFont.load_default()
