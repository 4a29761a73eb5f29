"""QR code images and printable stickers for a business's supervision code."""

import hashlib

from fastapi import APIRouter, Request, Response

from backend.api import request_language
from backend.businesses import credit_code
from backend.deps import DbDep
from backend.qr import service

router = APIRouter(prefix="/qr", tags=["qr codes"])

# The bytes depend only on the code, the secret and the business's name, so a day of caching is
# safe; the ETag lets a browser revalidate cheaply after a secret or name changes.
CACHE_CONTROL = "public, max-age=86400"


def _cached(request: Request, body: bytes, media_type: str, **headers: str) -> Response:
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    headers |= {"ETag": etag, "Cache-Control": CACHE_CONTROL}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def _sticker(request: Request, db: DbDep, code: str, fmt: str, media_type: str) -> Response:
    body = service.qr_sticker(db, code=code, fmt=fmt, language=request_language(request))
    filename = f"sticker-{credit_code.normalize(code)}.{fmt}"
    # The caption follows the cookie and Accept-Language, so caches must keep one per language.
    return _cached(request, body, media_type, Vary="Accept-Language, Cookie",
                   **{"Content-Disposition": f'inline; filename="{filename}"'})


@router.get("/{code}.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}}})
def qr_png(request: Request, db: DbDep, code: str) -> Response:
    """The QR code of the business's signed public page, as a PNG."""
    return _cached(request, service.qr_image(db, code=code, fmt="png"), "image/png")


@router.get("/{code}.svg", response_class=Response,
            responses={200: {"content": {"image/svg+xml": {}}}})
def qr_svg(request: Request, db: DbDep, code: str) -> Response:
    """The same QR code as a scalable SVG."""
    return _cached(request, service.qr_image(db, code=code, fmt="svg"), "image/svg+xml")


@router.get("/{code}/sticker.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}}})
def sticker_png(request: Request, db: DbDep, code: str) -> Response:
    """A printable 8 x 10 cm sticker at 300 dpi: name, credit code, caption and QR code."""
    return _sticker(request, db, code, "png", "image/png")


@router.get("/{code}/sticker.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def sticker_pdf(request: Request, db: DbDep, code: str) -> Response:
    """The same sticker as a PDF page of its printed size."""
    return _sticker(request, db, code, "pdf", "application/pdf")


@router.get("/e/{code}.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}}})
def equipment_qr_png(request: Request, db: DbDep, code: str) -> Response:
    """The QR code of a piece of special equipment's signed public page (/e/<code>)."""
    return _cached(request, service.equipment_qr_image(db, code=code, fmt="png"), "image/png")


@router.get("/e/{code}/sticker.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}}})
def equipment_sticker_png(request: Request, db: DbDep, code: str) -> Response:
    """A printable sticker for the equipment itself, e.g. inside an elevator car."""
    return _equipment_sticker(request, db, code, "png", "image/png")


@router.get("/e/{code}/sticker.pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}})
def equipment_sticker_pdf(request: Request, db: DbDep, code: str) -> Response:
    return _equipment_sticker(request, db, code, "pdf", "application/pdf")


def _equipment_sticker(request: Request, db: DbDep, code: str, fmt: str, media_type: str) -> Response:
    body = service.equipment_sticker(db, code=code, fmt=fmt, language=request_language(request))
    filename = f"sticker-e-{code.strip().upper()}.{fmt}"
    return _cached(request, body, media_type, Vary="Accept-Language, Cookie",
                   **{"Content-Disposition": f'inline; filename="{filename}"'})
