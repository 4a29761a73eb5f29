"""A deterministic simulated kitchen camera: rendered scenes with their ground-truth boxes."""

from __future__ import annotations

import hashlib
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from analytics.detection.sprites import (
    BIN_COLOURS,
    SKINS,
    STREET_COLOURS,
    Person,
    draw_bin,
    draw_person,
    draw_rat,
)

Box = tuple[float, float, float, float]

EPISODE_S = 8.0  # people enter, walk and leave within one episode; attributes change between episodes
BIN_EPISODE_S = 6.0
AFTER_HOURS_VISIT = 2e-4  # chance that a person slot's episode brings someone in after hours: 2-3 a night


def _rng(*keys: object) -> np.random.Generator:
    """A generator fixed by its keys, so the same (seed, object, episode) always renders the same."""
    digest = hashlib.blake2b(repr(keys).encode(), digest_size=8).digest()
    return np.random.default_rng(int.from_bytes(digest, "little"))


class SimulatedKitchen:
    """A kitchen camera whose frame at time t (seconds) is a pure function of (seed, size, t)."""

    def __init__(
        self, seed: int = 0, width: int = 640, height: int = 480, people: int = 3, noise: float = 4.0
    ) -> None:
        self.seed, self.width, self.height = seed, width, height
        self.people, self.noise = people, noise
        rng = _rng(seed, "room")
        self.wall = tuple(int(v) for v in rng.integers(150, 235, 3))
        self.floor = tuple(int(v) for v in rng.integers(90, 180, 3))
        self.horizon = float(rng.uniform(0.42, 0.58))
        self.bins = [
            (
                float(rng.uniform(0.05, 0.95)),
                float(rng.uniform(0.8, 1.1)),
                BIN_COLOURS[int(rng.integers(len(BIN_COLOURS)))],
            )
            for _ in range(int(rng.integers(1, 3)))
        ]
        self.counter = (float(rng.uniform(0.0, 0.5)), float(rng.uniform(0.55, 1.0)))

    # -- scene state -------------------------------------------------------------------------
    def _person(self, slot: int, t: float, staffed: bool = True) -> Person | None:
        episode = math.floor(t / EPISODE_S)
        if not staffed and _rng(self.seed, "after hours", slot, episode).random() >= AFTER_HOURS_VISIT:
            return None   # the kitchen is closed: now and then someone comes in all the same
        rng = _rng(self.seed, "person", slot, episode)
        if rng.random() > 0.75:
            return None
        frac = (t - episode * EPISODE_S) / EPISODE_S
        start, end = rng.uniform(0.05, 0.3), rng.uniform(0.7, 0.95)
        if rng.random() < 0.5:
            start, end = end, start
        if frac < start and frac < end or frac > max(start, end):
            return None
        w, h = self.width, self.height
        x0, x1 = rng.uniform(-0.05, 1.05, 2) * w
        span = max(abs(end - start), 1e-6)
        walked = min(max((frac - min(start, end)) / span, 0.0), 1.0)
        feet = h * rng.uniform(self.horizon + 0.28, 1.08)
        scale = (feet / h - self.horizon + 0.25) / 0.8
        mask = bool(rng.random() < 0.55)
        return Person(
            x=float(x0 + (x1 - x0) * walked),
            feet=float(feet),
            height=float(h * rng.uniform(0.55, 0.9) * scale),
            hat=bool(rng.random() < 0.6),
            mask=mask,
            work_clothes=bool(rng.random() < 0.6),
            smoking=bool(not mask and rng.random() < 0.25),
            phone=bool(rng.random() < 0.2),
            skin=SKINS[int(rng.integers(len(SKINS)))],
            clothes=STREET_COLOURS[int(rng.integers(len(STREET_COLOURS)))],
            striped=bool(rng.random() < 0.3),
            other_cap=bool(rng.random() < 0.3),
            facing=int(rng.integers(-1, 2)),
        )

    def _rat(self, t: float) -> tuple[float, float, float, int] | None:
        episode = math.floor(t / EPISODE_S)
        rng = _rng(self.seed, "rat", episode)
        if rng.random() > 0.35:
            return None
        frac = (t - episode * EPISODE_S) / EPISODE_S
        if not 0.2 < frac < 0.8:
            return None
        y = self.height * rng.uniform(self.horizon + 0.2, 0.97)
        size = self.width * rng.uniform(0.05, 0.09) * (y / self.height)
        direction = 1 if rng.random() < 0.5 else -1
        x = self.width * (0.5 + direction * (frac - 0.5) * rng.uniform(1.0, 1.6)) + rng.uniform(-80, 80)
        return float(x), float(y), float(size), direction

    # -- rendering ---------------------------------------------------------------------------
    def frame(self, t: float, staffed: bool = True) -> tuple[np.ndarray, list[dict]]:
        """The RGB uint8 image at time t and its ground truth: [{"class", "box": [x1, y1, x2, y2]}].
        Outside staffed hours (`staffed` False) the kitchen is empty but for a rare visitor (two or
        three a night) and the rats and bins, which keep no hours."""
        w, h = self.width, self.height
        image = Image.new("RGB", (w, h), self.wall)
        draw = ImageDraw.Draw(image)
        self._room(draw)
        truth: list[dict] = []
        sprites: list[tuple[float, str, object]] = []
        for slot in range(self.people):
            person = self._person(slot, t, staffed)
            if person is not None:
                sprites.append((person.feet, "person", person))
        for index, (bx, depth, colour) in enumerate(self.bins):
            opened = _rng(self.seed, "bin", index, math.floor(t / BIN_EPISODE_S)).random() < 0.45
            feet = h * min(self.horizon + 0.25 * depth, 0.98)
            sprites.append((feet, "bin", (bx * w, feet, depth, colour, opened)))
        rat = self._rat(t)
        if rat is not None:
            sprites.append((rat[1], "rat", rat))
        for _, kind, item in sorted(sprites, key=lambda s: s[0]):
            if kind == "person":
                truth += draw_person(draw, item)  # type: ignore[arg-type]
            elif kind == "bin":
                truth += draw_bin(draw, *item, scale=h / 480)  # type: ignore[misc]
            else:
                truth += draw_rat(draw, *item)  # type: ignore[misc]
        image = image.filter(ImageFilter.GaussianBlur(0.6))
        rendered = np.asarray(image, dtype=np.int16)
        rng = _rng(self.seed, "noise", round(t * 1000))
        light = rng.uniform(0.85, 1.12)
        pixels = rendered * light + rng.normal(0, self.noise, rendered.shape)
        frame = np.clip(pixels, 0, 255).astype(np.uint8)
        return frame, [_clipped(obj, w, h) for obj in truth if _visible(obj["box"], w, h)]

    def _room(self, draw: ImageDraw.ImageDraw) -> None:
        w, h = self.width, self.height
        top = h * self.horizon
        draw.rectangle([0, top, w, h], fill=self.floor)
        tile = max(int(w / 12), 8)
        darker = tuple(max(c - 18, 0) for c in self.floor)
        for x in range(0, w, tile):
            draw.line([(x, top), (x + (x - w / 2) * 0.6, h)], fill=darker, width=1)
        left, right = self.counter
        steel = (175, 180, 185)
        draw.rectangle([left * w, top - h * 0.16, right * w, top], fill=steel)
        draw.rectangle([left * w, top - h * 0.17, right * w, top - h * 0.155], fill=(205, 210, 214))
        for i in range(3):  # shelves and a hood on the wall, so backgrounds are not bare
            y = h * (0.1 + 0.09 * i)
            draw.rectangle([w * 0.6, y, w * 0.95, y + 4], fill=(120, 110, 100))


def _visible(box: Box, w: int, h: int) -> bool:
    x1, y1, x2, y2 = box
    inner = (min(x2, w) - max(x1, 0)) * (min(y2, h) - max(y1, 0))
    area = (x2 - x1) * (y2 - y1)
    return x2 > 0 and y2 > 0 and x1 < w and y1 < h and area > 0 and inner / area > 0.6


def _clipped(obj: dict, w: int, h: int) -> dict:
    x1, y1, x2, y2 = obj["box"]
    box = [
        round(max(x1, 0.0), 1),
        round(max(y1, 0.0), 1),
        round(min(x2, w - 1.0), 1),
        round(min(y2, h - 1.0), 1),
    ]
    return {"class": obj["class"], "box": box}
