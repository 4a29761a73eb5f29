"""Traditional Chinese characters as simplified ones, one for one (服務 → 服务, 蘭州 → 兰州), by
OpenCC's character table: what the review networks learnt and what the business register is
written in, so reviews and searches typed in traditional characters read the same."""

import functools
import importlib.resources


def simplified(text: str) -> str:
    return text.translate(_table())


@functools.cache
def _table() -> dict[int, str]:
    """OpenCC's TSCharacters.txt as the `opencc-python-reimplemented` 0.1.7 wheel ships it
    (Apache-2.0): a traditional character, a tab, its simplified forms; the first is OpenCC's
    default. 4,113 characters."""
    table: dict[int, str] = {}
    source = importlib.resources.files("opencc") / "dictionary" / "TSCharacters.txt"
    for line in source.read_text(encoding="utf-8").splitlines():
        traditional, _, forms = line.partition("\t")
        if len(traditional) == 1 and forms:
            table[ord(traditional)] = forms.split(" ")[0]
    return table
