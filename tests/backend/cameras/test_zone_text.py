"""Ignore-zones typed as text in the camera form: what is accepted, and the error for each mistake."""

import pytest

from backend.cameras import zone_text
from backend.errors import Invalid


@pytest.mark.parametrize("text, expected", [
    ("", []),
    ("0.6,0,1,1", [(0.6, 0, 1, 1, [])]),
    ("  0.6, 0, 1, 1  \n\n0,0,0.3,0.3 person phone",
     [(0.6, 0, 1, 1, []), (0, 0, 0.3, 0.3, ["person", "phone"])]),
    ("0，0.5，0.4，1", [(0, 0.5, 0.4, 1, [])]),  # full-width commas, as a Chinese keyboard types them
    ("0 0.5 0.4 1 rat", [(0, 0.5, 0.4, 1, ["rat"])]),
])
def test_accepted(text, expected):
    zones = zone_text.parse(text)
    assert [(z.x1, z.y1, z.x2, z.y2, z.classes) for z in zones] == expected
    assert zone_text.parse(zone_text.format_zones(zones)) == zones  # the edit form round-trips


@pytest.mark.parametrize("text, message", [
    ("0.6,0,1", "Zone line 1: write four numbers from 0 to 1"),
    ("0,0,1,1\nleft,top,right,bottom", "Zone line 2: write four numbers"),
    ("0,0,1.5,1", "Zone line 1: write four numbers from 0 to 1"),
    ("0.5,0,0.2,1", "Zone line 1: A zone's second corner must lie right of and below its first."),
    ("0,0,1,1 chef", "Zone line 1: Unknown detection classes: chef."),
    ("\n".join(["0,0,1,1"] * 11), "At most 10 zones per camera."),
])
def test_refused_with_the_line_named(text, message):
    with pytest.raises(Invalid) as refused:
        zone_text.parse(text)
    assert str(refused.value).startswith(message)
