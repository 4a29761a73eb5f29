"""Whole numbers typed into a URL or a form (a page, an edition, stars): ASCII digits only
(`str.isdigit` also passes ² and ٣, which `int` refuses or reads), and no bigger than a reader
could mean, so the database never sees a number it cannot hold."""

AT_MOST = 100_000


def whole_number(text: object, *, at_most: int = AT_MOST) -> int | None:
    value = str(text if text is not None else "").strip()
    if not value or not value.isascii() or not value.isdigit() or len(value) > 18:
        return None
    number = int(value)
    return number if number <= at_most else None


def page_number(text: object) -> int:
    """A page of a listing: 1 unless `text` is a page number a reader could mean."""
    number = whole_number(text)
    return number if number else 1


def yuan(amount: float) -> str:
    """A sum of money as published: 2,000 or 2,000.50 (a fine is in yuan and fen; rounding it to
    whole yuan showed 999,999,999.99 as 1,000,000,000)."""
    return f"{amount:,.0f}" if round(amount * 100) % 100 == 0 else f"{amount:,.2f}"
