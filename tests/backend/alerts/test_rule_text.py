"""A camera's own alert rules typed as lines in the officers' form: accepted forms, and the error
for each mistake, naming its line."""

import pytest

from backend.alerts import rule_text, rules
from backend.errors import Invalid


@pytest.mark.parametrize("text, expected", [
    ("", {}),
    ("rat 1/5", {"rat": {"persist": 1, "window": 5}}),
    ("rat 1/5 10\n\nphone off", {"rat": {"persist": 1, "window": 5, "cooldown_s": 600.0}, "phone": None}),
    ("no_mask 2/3 2.5 0.6",
     {"no_mask": {"persist": 2, "window": 3, "cooldown_s": 150.0, "min_confidence": 0.6}}),
    ("smoking 关闭", {"smoking": None}),
])
def test_accepted(text, expected):
    parsed = rule_text.parse(text)
    assert rules.stored(parsed) == expected
    # What the form shows again reads back as the same rules in force.
    shown = rule_text.format_rules(parsed, rules.in_force({"rules": rules.stored(parsed)}))
    assert rules.table({"rules": rules.stored(rule_text.parse(shown))}) == \
        rules.table({"rules": rules.stored(parsed)})


@pytest.mark.parametrize("text, message", [
    ("rat 6/5", "Rule line 1: A rule cannot need more frames than it looks at."),
    ("rat 1/5\nchef 1/2", "Rule line 2: Unknown detection classes: chef."),
    ("rat five", "Rule line 1: write a class, then frames needed of frames looked at"),
    ("rat 1/5 ten", "Rule line 1: write a class"),
    ("rat 1/5 10 0.5 extra", "Rule line 1: write a class"),
])
def test_refused_with_the_line_named(text, message):
    with pytest.raises(Invalid) as refused:
        rule_text.parse(text)
    assert str(refused.value).startswith(message)
