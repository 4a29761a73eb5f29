"""Photos and evidence files sent with complaints and tasks: checked by their bytes, kept in MongoDB.
A photo is decoded and kept re-encoded: what is stored is a picture and nothing else (a phone's
photo carries where it was taken and by which device, which must not reach the business a
complainant reports)."""

import hashlib
import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bson import Binary, ObjectId
from bson.errors import InvalidId
from PIL import Image, ImageOps
from pymongo.database import Database

from backend import clock
from backend.config import get_settings
from backend.errors import Invalid, NotFound
from backend.i18n import N_

# What a file is, by its first bytes (never by the name or the type the browser claims).
IMAGE_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
PDF = b"%PDF-"
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# A 48-megapixel phone's photo passes; a small file declaring a huge picture (30000 × 30000 in
# 109 KB) would take gigabytes to open, here or in the browser of whoever views it.
MAX_PIXELS = 50_000_000


def max_bytes() -> int:
    return get_settings().upload_max_bytes


@dataclass(frozen=True)
class Upload:
    filename: str
    content: bytes


def content_type(content: bytes, *, allow_pdf: bool = False) -> str:
    """The checked type of an upload; WebP is RIFF....WEBP."""
    for magic, kind in IMAGE_TYPES.items():
        if content.startswith(magic):
            return kind
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp"
    if allow_pdf and content.startswith(PDF):
        return "application/pdf"
    if allow_pdf:
        raise Invalid("Only JPEG, PNG or WebP photos and PDF documents can be uploaded.")
    raise Invalid("Only JPEG, PNG or WebP photos can be uploaded.")


class FileRefused(Invalid):
    """One file's refusal, naming the file: a form sends several at once, and the reader must know
    which one to choose again (both parts translated)."""

    def __init__(self, name: str, cause: Invalid) -> None:
        super().__init__(N_("The file \"{name}\" is refused. {why}"), name=name, why=str(cause))
        self.cause = cause

    def translated(self, gettext) -> str:  # type: ignore[no-untyped-def]
        return gettext(self.message).format(name=self.params["name"], why=self.cause.translated(gettext))


@contextmanager
def _naming(upload: Upload, number: int) -> Iterator[None]:
    """A refusal of this file names it (by its number in the sending when it came without a name)."""
    try:
        yield
    except FileRefused:
        raise
    except Invalid as exc:
        raise FileRefused(upload.filename[:120] or f"#{number}", exc) from exc


def check(files: list[Upload], *, max_count: int, allow_pdf: bool = False) -> list[str]:
    """The content type of each file, or Invalid before anything is stored (nothing half-saved)."""
    files = [upload for upload in files if upload.content]
    kinds = _typed(files, max_count=max_count, allow_pdf=allow_pdf)
    for number, (upload, kind) in enumerate(zip(files, kinds, strict=True), 1):
        if kind in FORMATS:
            with _naming(upload, number):
                _picture(upload.content).close()
    return kinds


def _typed(files: list[Upload], *, max_count: int, allow_pdf: bool) -> list[str]:
    """Each file's type by its bytes, once the count and the sizes are checked (no photo decoded)."""
    if len(files) > max_count:
        raise Invalid("At most {count} files can be attached.", count=max_count)
    limit = max_bytes()
    for number, upload in enumerate(files, 1):
        if len(upload.content) > limit:
            with _naming(upload, number):
                raise Invalid("Each file must be smaller than {megabytes} MB.",
                              megabytes=limit // (1024 * 1024))
    kinds = []
    for number, upload in enumerate(files, 1):
        with _naming(upload, number):
            kinds.append(content_type(upload.content, allow_pdf=allow_pdf))
    return kinds


def _picture(content: bytes) -> Image.Image:
    """The photo decoded and turned upright, or Invalid when it is not one whole picture."""
    try:
        with Image.open(io.BytesIO(content)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise Invalid("A photo may have at most {megapixels} million pixels.",
                              megapixels=MAX_PIXELS // 1_000_000)
            upright = ImageOps.exif_transpose(opened)
            upright.load()
            return upright
    except Invalid:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise Invalid("A photo could not be read: the file is damaged or not a picture.") from exc


def cleaned(content: bytes, kind: str) -> bytes:
    """A photo re-encoded without its metadata (place, time, device, owner, comments); other
    files as sent."""
    if kind not in FORMATS:
        return content
    with _picture(content) as picture:
        if kind == "image/jpeg" and picture.mode not in ("RGB", "L"):
            picture = picture.convert("RGB")   # CMYK, or a palette
        picture.info.clear()   # comments and text chunks too: the encoder writes what info holds
        out = io.BytesIO()
        picture.save(out, FORMATS[kind], quality=90)
        return out.getvalue()


def store(db: Database, files: list[Upload], *, owner: str, max_count: int,
          allow_pdf: bool = False) -> list[str]:
    """Checks every file, then keeps them; the stored name is ours, never the sender's."""
    files = [upload for upload in files if upload.content]
    kinds = _typed(files, max_count=max_count, allow_pdf=allow_pdf)
    # each photo decoded once, here (an unreadable one is refused before anything is stored)
    kept = []
    for number, (upload, kind) in enumerate(zip(files, kinds, strict=True), 1):
        with _naming(upload, number):
            kept.append((kind, cleaned(upload.content, kind)))
    # One document per file (at most a few MB, far under MongoDB's 16 MB): the embedded server's
    # GridFS drops custom fields such as the owner, and every server stores plain documents.
    return [str(db.uploads.insert_one({
        "owner": owner, "content_type": kind, "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(), "uploaded_at": clock.now(),
        "content": Binary(content)}).inserted_id)
        for kind, content in kept]


def read(db: Database, file_id: str, *, owner: str) -> tuple[bytes, str]:
    """A stored file's bytes and type, only through the record that owns it."""
    try:
        stored = db.uploads.find_one({"_id": ObjectId(file_id)})
    except (InvalidId, TypeError):
        stored = None
    if stored is None or stored["owner"] != owner:
        raise NotFound("No file has the id {id}.", id=file_id[:40])
    return bytes(stored["content"]), str(stored["content_type"])
