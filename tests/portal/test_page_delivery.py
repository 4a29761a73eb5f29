"""Gzip kept in pieces around the CSRF placeholder: any token spliced in gives a valid stream."""

import gzip

import pytest

from portal import page_delivery
from portal.csrf import PLACEHOLDER as P

TOKEN = "0123456789abcdef" * 4
PAGE = "<style>" + "p{margin:0}" * 900 + "</style><form>" + P + "</form>" + "<p>页尾</p>" * 200


@pytest.mark.parametrize("document", [
    "", "plain page, no form", P, P + P, "a" + P, P + "z", PAGE, PAGE + P + PAGE,
    PAGE.replace("</form>", "\x00</form>"),  # a NUL: the pieces no longer refer back
])
@pytest.mark.parametrize("token", [TOKEN, "fedcba9876543210" * 4, "short-token"])
def test_the_pieces_decompress_to_the_filled_document(document, token):
    body = page_delivery.body(document, token=token, gzipped=True)
    assert gzip.decompress(body) == document.replace(P, token).encode()
    assert page_delivery.body(document, token=token, gzipped=False) == gzip.decompress(body)


def test_a_page_is_compressed_once_and_stays_small():
    first = page_delivery.compress(PAGE.encode())
    assert page_delivery.compress(PAGE.encode()).pieces == first.pieces
    whole = gzip.compress(PAGE.replace(P, TOKEN).encode(), 6)
    # Referring back across the token keeps the pieces within the stored token's few bytes.
    assert len(first.with_token(TOKEN.encode())) <= len(whole) + 2 * len(TOKEN)
