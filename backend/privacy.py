"""Masking of personal data on public surfaces (个人信息保护法): names, phones, ID numbers."""


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


def mask_id_number(number: str) -> str:
    """Resident ID 110101199003071234 → 110***********1234."""
    value = (number or "").strip()
    if len(value) < 11:  # too short to show seven characters and still hide four
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
