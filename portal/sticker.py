"""The sticker's signature (?s=) follows a reader from the QR page to the pages it links to and
back: someone who really scanned the regulator's sticker is never told their page may be forged
after a click inside the site."""

from urllib.parse import quote

from backend.i18n import _
from backend.qr import signature
from backend.qr.signature import PageKind
from portal.components.sections import notice
from portal.components.tags import html


def first(value: str | list[str] | None) -> str | None:
    """A repeated query parameter arrives as a list: the first one counts."""
    return value[0] if isinstance(value, list) else value


def carried(code: str, signed: str | list[str] | None) -> str:
    """"?s=<signature>" for a link about business `code` when `signed` is its valid signature
    (one per business, so pages cached by verdict may hold it), else ""."""
    value = first(signed)
    return f"?s={quote(value, safe='')}" if value and signature.verify(code, value) else ""


def verification(code: str, signed: str | None, *, kind: PageKind, mark_id: str,
                 forged: str, unsigned: str | None = None) -> html.Div:
    """What a sticker's page says of its address: verified, or a warning, `forged` (the page's own
    words) for a wrong signature. With no signature at all it warns too (`unsigned`, where the page
    has words of its own: what to check against): a forged sticker can simply leave it out, so the
    page must not look as official as a signed one."""
    if signature.verify(code, signed, kind):
        text = "✓ " + _("Verified official page: this address comes from the regulator's sticker.")
        return html.Div(notice(text, "ok"), id=mark_id, className="verified")
    if not signed:
        forged = unsigned or _("Warning: this address has no official signature. If you scanned a "
                               "QR code, it may not be the regulator's sticker; check that the name "
                               "and address match.")
    return html.Div(notice(forged, "warn"), className="unverified")
