"""QR code images and printable stickers for a business's supervision code."""

from fastapi import APIRouter

router = APIRouter(prefix="/qr", tags=["qr codes"])
