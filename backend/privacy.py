"""Masking of personal data on public surfaces (个人信息保护法): names, phones, ID numbers."""

import re
from collections.abc import Callable, Iterable

# A mobile (13812345678, 138 1234 5678, 138-1234-5678) or landline (020-87654321) number, and an
# 18-character resident ID (440106 19900101 123X written in groups too), not inside a longer run of
# digits or letters (an order or licence number). Matched on the text with full-width digits
# (１３８…) read as ASCII ones: people type both.
_PHONE = re.compile(r"(?<![\dA-Za-z])(?:1[3-9]\d[ -]?\d{4}[ -]?\d{4}|0\d{2,3}[ -]?\d{7,8})(?![\dA-Za-z])")
_ID_NUMBER = re.compile(r"(?<![\dA-Za-z])\d{6} ?\d{8} ?\d{3}[\dXx](?![\dA-Za-z])")
_AS_ASCII = str.maketrans("０１２３４５６７８９－　Ｘｘ", "0123456789- Xx")
# What makes such a number no one's phone or ID: a price (¥13800000000, RMB 138…, 13800000000元 or
# 块 or 块钱), or a reference someone introduces as one (订单号 / 单号 / 发票号 / invoice / order,
# with "No.", "#", a colon or 是 between): kept as written. Only right beside the number.
_MONEY_BEFORE = re.compile(r"(?:[¥￥]|(?<![A-Za-z])(?:RMB|CNY))\s*$", re.IGNORECASE)
_MONEY_AFTER = re.compile(r"^\s*[元块]")
_REFERENCE_BEFORE = re.compile(
    r"(?:订单(?:编?号)?|单号|发票(?:号码?|代码)?|流水号|交易号|(?<![A-Za-z])(?:invoice|order)"
    r"(?:\s*(?:no\.?|number|id))?)\s*[#:：]?\s*(?:是|为|為)?\s*$", re.IGNORECASE)
# ... unless the writer calls it a phone ("电话13812345678元" is a phone with a stray 元).
_PHONE_BEFORE = re.compile(r"(?:电话|手机|联系|致电|微信|(?<![A-Za-z])(?:tel|phone|mobile))\s*[#:：]?\s*"
                           r"(?:是|为|為)?\s*$", re.IGNORECASE)
_LEAD_IN = 24  # characters before a number read for what introduces it


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*********: keep the first character only.
    A one-character name is hidden whole: keeping its first character would publish it."""
    name = (name or "").strip()
    if len(name) <= 1:
        return "*" * len(name)
    return name[:1] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; shorter numbers keep only their last two, and the shortest
    nothing: at least four digits (or all of a tiny number) always stay hidden."""
    digits = (phone or "").strip()
    if len(digits) >= 11:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    kept = 2 if len(digits) >= 6 else 0
    return "*" * (len(digits) - kept) + digits[len(digits) - kept:]


def mask_in_text(text: str, names: Iterable[str] = ()) -> str:
    """Text someone wrote for the public (a review) with the phone and ID numbers in it masked,
    and these people's names (a business's staff):
    "服务员高洋，电话13812345678" → "服务员高*，电话138****5678". Prices and order or invoice
    numbers shaped like them stay ("¥13800000000", "订单号110101199003071234").
    One-character names are left: masking them would mask ordinary words."""
    text = _masked(text, _ID_NUMBER, mask_id_number)
    text = _masked(text, _PHONE, mask_phone)
    for name in sorted({name.strip() for name in names if len(name.strip()) > 1}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text


def _masked(text: str, pattern: re.Pattern[str], mask: Callable[[str], str]) -> str:
    """Each match of `pattern` in `text` (its full-width digits read as ASCII) masked as written,
    unless it is a price or a reference (see `_not_personal`)."""
    kept, end, ascii_text = [], 0, text.translate(_AS_ASCII)
    for found in pattern.finditer(ascii_text):
        if _not_personal(ascii_text, found):
            continue
        kept += [text[end:found.start()], mask(text[found.start():found.end()])]
        end = found.end()
    return "".join(kept) + text[end:]


def _not_personal(text: str, found: re.Match[str]) -> bool:
    """A price (digits alone, after ¥ or before 元) or a number introduced as an order's or an
    invoice's; never one introduced as a phone."""
    before, after = text[max(0, found.start() - _LEAD_IN):found.start()], text[found.end():]
    if _PHONE_BEFORE.search(before):
        return False
    if found.group().replace(" ", "").replace("-", "").isdigit() and (
            _MONEY_BEFORE.search(before) or _MONEY_AFTER.match(after)):
        return True
    return _REFERENCE_BEFORE.search(before) is not None


def mask_id_number(number: str) -> str:
    """Resident ID 110101199003071234 → 110***********1234."""
    value = (number or "").strip()
    if len(value) < 11:  # too short to show seven characters and still hide four
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
