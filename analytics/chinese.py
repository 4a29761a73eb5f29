"""Traditional Chinese characters as simplified ones, one for one (服務 → 服务, 蘭州 → 兰州), by
OpenCC's character table: what the review networks learnt and what the business register is
written in, so reviews and searches typed in traditional characters read the same."""

import functools
import importlib.resources


def simplified(text: str) -> str:
    return text.translate(opencc_table("TSCharacters.txt"))


@functools.cache
def opencc_table(name: str) -> dict[int, str]:
    """One of OpenCC's character tables as the `opencc-python-reimplemented` 0.1.7 wheel ships them
    (Apache-2.0, `opencc/dictionary/`): a character, a tab, its forms in the other script; the first
    is OpenCC's default. TSCharacters.txt turns 4,113 traditional characters into simplified ones,
    STCharacters.txt the other way."""
    table: dict[int, str] = {}
    source = importlib.resources.files("opencc") / "dictionary" / name
    for line in source.read_text(encoding="utf-8").splitlines():
        character, _, forms = line.partition("\t")
        if len(character) == 1 and forms:
            table[ord(character)] = forms.split(" ")[0]
    return table
