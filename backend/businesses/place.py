"""Searching near a place (FHRS's latitude, longitude and maxDistanceLimit, here in km): the box
around the circle, which an index on `location.lat` serves on both servers (the embedded one has no
`$near`), and the exact great-circle distance that decides."""

import math
from dataclasses import dataclass
from typing import Any

EARTH_KM = 6371.0088  # the mean radius
KM_PER_DEGREE = math.pi * EARTH_KM / 180  # along a meridian, and along the equator
MAX_KM = 50.0
DEFAULT_KM = 1.0


@dataclass(frozen=True)
class Near:
    lat: float
    lng: float
    km: float = DEFAULT_KM

    def box(self) -> dict[str, Any]:
        """Ranges of `lat` and `lng` that hold every point within `km` (and some corners beyond).
        Near a pole or the 180th meridian the longitude is left open: the distance still decides."""
        spread = self.km / KM_PER_DEGREE
        box: dict[str, Any] = {"lat": (max(-90.0, self.lat - spread), min(90.0, self.lat + spread))}
        shrink = math.cos(math.radians(min(89.0, abs(self.lat) + spread)))
        wide = spread / shrink
        if abs(self.lat) + spread < 89.0 and -180.0 <= self.lng - wide and self.lng + wide <= 180.0:
            box["lng"] = (self.lng - wide, self.lng + wide)
        return box

    def distance_km(self, location: dict[str, Any] | None) -> float | None:
        """Haversine distance to a stored `location` ({lat, lng}); None where there is none."""
        if not location or location.get("lat") is None or location.get("lng") is None:
            return None
        lat1, lat2 = math.radians(self.lat), math.radians(location["lat"])
        half = (math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2)
                * math.sin(math.radians(location["lng"] - self.lng) / 2) ** 2)
        return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(half)))

    def within(self, location: dict[str, Any] | None) -> float | None:
        """The distance, rounded to metres, where it is at most `km`; else None."""
        distance = self.distance_km(location)
        return None if distance is None or distance > self.km else round(distance, 3)
