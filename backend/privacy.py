"""Masking of personal data on public surfaces (个人信息保护法): names, phones, ID numbers."""


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*********: keep the first character only."""
    name = (name or "").strip()
    return name[:1] + "*" * (len(name) - 1) if name else ""


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678; numbers under seven digits keep only their last two."""
    digits = (phone or "").strip()
    if len(digits) >= 7:
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
    return "*" * max(0, len(digits) - 2) + digits[-2:]


def mask_id_number(number: str) -> str:
    """Resident ID 110101199003071234 → 110***********1234."""
    value = (number or "").strip()
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]
