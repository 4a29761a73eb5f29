"""The geometry behind a search near a place: the box the index reads, and the distance that decides."""

import math

import pytest

from backend.businesses.place import EARTH_KM, Near


def _destination(near: Near, bearing: float, km: float) -> dict[str, float]:
    """The point `km` from the centre along a great circle."""
    lat, lng, heading = map(math.radians, (near.lat, near.lng, bearing))
    arc = km / EARTH_KM
    lat2 = math.asin(math.sin(lat) * math.cos(arc) + math.cos(lat) * math.sin(arc) * math.cos(heading))
    lng2 = lng + math.atan2(math.sin(heading) * math.sin(arc) * math.cos(lat),
                            math.cos(arc) - math.sin(lat) * math.sin(lat2))
    return {"lat": math.degrees(lat2), "lng": (math.degrees(lng2) + 540) % 360 - 180}


@pytest.mark.parametrize("a, b, km", [
    ((0.0, 0.0), (1.0, 0.0), 111.195),  # a degree of latitude
    ((0.0, 0.0), (0.0, 1.0), 111.195),  # a degree of longitude on the equator
    ((60.0, 10.0), (60.0, 11.0), 55.597),  # half as long at 60°
    ((23.1291, 113.2644), (22.5431, 114.0579), 104.2),  # Guangzhou to Shenzhen (law of cosines)
    ((0.0, 179.9), (0.0, -179.9), 22.239),  # across the 180th meridian
])
def test_distances(a, b, km):
    assert Near(*a).distance_km({"lat": b[0], "lng": b[1]}) == pytest.approx(km, abs=0.1)


@pytest.mark.parametrize("lat, lng, km", [
    (23.13, 113.32, 1.0), (23.13, 113.32, 50.0), (-33.9, 151.2, 5.0), (60.0, 10.0, 20.0),
    (89.9, 0.0, 30.0), (-89.95, 45.0, 10.0), (10.0, 179.99, 5.0), (10.0, -179.99, 5.0),
])
def test_the_box_holds_the_whole_circle(lat, lng, km):
    near = Near(lat, lng, km)
    box = near.box()
    for bearing in range(0, 360, 5):
        point = _destination(near, bearing, km * 0.999)
        assert box["lat"][0] <= point["lat"] <= box["lat"][1]
        if "lng" in box:
            assert box["lng"][0] <= point["lng"] <= box["lng"][1]
        assert near.within(point) is not None


def test_the_box_is_open_in_longitude_only_near_a_pole_or_the_180th_meridian():
    assert "lng" in Near(23.13, 113.32, 50.0).box()
    assert "lng" not in Near(89.9, 0.0, 30.0).box() and "lng" not in Near(10.0, 179.99, 5.0).box()


def test_within_rounds_to_metres_and_leaves_out_what_is_beyond_or_unplaced():
    near = Near(23.13, 113.32, 1.0)
    assert near.within({"lat": 23.13 + 0.5 / 111.195, "lng": 113.32}) == 0.5
    assert near.within({"lat": 23.13 + 1.01 / 111.195, "lng": 113.32}) is None
    assert near.within(None) is None and near.within({"lat": None, "lng": 113.32}) is None
