"""A page's bytes for one browser: gzip kept in pieces around the CSRF placeholder, token spliced in.

A page with a form carries this browser's own token, so without care every response is a distinct
document, compressed anew. Instead each distinct document (placeholders in place) is compressed
once into raw-deflate pieces, one per stretch of text between placeholders, each flushed to a byte
boundary; joined with stored (uncompressed) blocks holding the token they are one valid deflate
stream. Per response that leaves a CRC over the text after the first placeholder and a join.

A piece may still refer back to the text before it: it is compressed with that text as its preset
dictionary, where each token stands as NUL bytes of the token's length. A page never contains NUL
(checked), so no back-reference can land on a token, and every distance stays right once the real
token of that same length is in place."""

import gzip
import hashlib
import struct
import zlib
from dataclasses import dataclass

from portal.csrf import PLACEHOLDER
from portal.render_cache import RenderCache

_PLACEHOLDER = PLACEHOLDER.encode()
_LEVEL = 6  # nearly level 9's size on HTML at a fraction of the CPU (as the GZip middleware)
# RFC 1952 header: deflate, no name, mtime 0, no extra flags, OS unknown (as gzip.compress writes).
_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
TOKEN_LENGTH = 64  # csrf.token_for: a SHA-256 HMAC in hex
_STAND_IN = b"\x00" * TOKEN_LENGTH
_WINDOW = 32768  # how far back deflate can refer


@dataclass(frozen=True)
class Compressed:
    """One document, gzipped in pieces: `pieces[i]` is the deflate of `texts[i]`."""

    texts: tuple[bytes, ...]
    pieces: tuple[bytes, ...]
    first_crc: int  # CRC-32 of texts[0]: the head (inline CSS) is most of the page
    whole: bytes | None  # the finished gzip when there is no placeholder at all

    def with_token(self, token: bytes) -> bytes:
        if self.whole is not None:
            return self.whole
        if len(token) != TOKEN_LENGTH:  # not what the pieces were built around: start afresh
            return gzip.compress(token.join(self.texts), _LEVEL, mtime=0)
        # BFINAL 0, BTYPE 00 (stored) padded to the byte, then LEN and its complement.
        stored = b"\x00" + struct.pack("<HH", len(token), len(token) ^ 0xFFFF) + token
        crc, size = self.first_crc, len(self.texts[0])
        out = [_HEADER, self.pieces[0]]
        for text, piece in zip(self.texts[1:], self.pieces[1:], strict=True):
            crc = zlib.crc32(text, zlib.crc32(token, crc))
            size += len(token) + len(text)
            out += (stored, piece)
        out.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
        return b"".join(out)


def compress(document: bytes) -> Compressed:
    texts = tuple(document.split(_PLACEHOLDER))
    if len(texts) == 1:
        return Compressed(texts, (), 0, gzip.compress(document, _LEVEL, mtime=0))
    refer_back = b"\x00" not in document
    pieces, before = [], b""
    for index, text in enumerate(texts):
        options = {"zdict": before[-_WINDOW:]} if refer_back and before else {}
        deflate = zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, **options)
        last = index == len(texts) - 1
        pieces.append(deflate.compress(text) + deflate.flush(zlib.Z_FINISH if last
                                                             else zlib.Z_SYNC_FLUSH))
        before += text + _STAND_IN
    return Compressed(texts, tuple(pieces), zlib.crc32(texts[0]), None)


# A busy page is the same document again and again: compressed once, keyed by its digest.
_compressed: RenderCache[Compressed] = RenderCache(size=2048)


def body(document: str, *, token: str, gzipped: bool) -> bytes:
    """The response body: `document` with `token` in place of each CSRF placeholder."""
    if not gzipped:
        return document.replace(PLACEHOLDER, token).encode()
    encoded = document.encode()
    digest = hashlib.blake2b(encoded, digest_size=16).digest()
    return _compressed.get_or_render(digest, lambda: compress(encoded)).with_token(token.encode())


def has_placeholder(document: str) -> bool:
    """Only then does the response need a token (and the browser, perhaps, a new cookie)."""
    return PLACEHOLDER in document
