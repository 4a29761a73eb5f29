"""Drawing the simulated kitchen's people, bins and rats, each returning its ground-truth boxes."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageDraw

WORK_WHITES = [(238, 238, 235), (228, 232, 236), (245, 245, 240), (220, 224, 226)]
STREET_COLOURS = [
    (200, 40, 40),
    (40, 80, 190),
    (40, 140, 60),
    (30, 30, 30),
    (230, 160, 30),
    (120, 60, 150),
    (90, 90, 90),
    (0, 150, 160),
    (170, 110, 70),
]
SKINS = [(241, 194, 160), (224, 172, 130), (198, 134, 96), (160, 106, 70), (110, 72, 50)]
BIN_COLOURS = [(60, 120, 60), (70, 70, 80), (40, 80, 150), (150, 150, 150), (180, 140, 40)]


@dataclass
class Person:
    x: float
    feet: float
    height: float
    hat: bool
    mask: bool
    work_clothes: bool
    smoking: bool
    phone: bool
    skin: tuple[int, int, int]
    clothes: tuple[int, int, int]
    striped: bool
    other_cap: bool
    facing: int


def draw_person(draw: ImageDraw.ImageDraw, p: Person) -> list[dict]:
    h, cx, feet = p.height, p.x, p.feet
    top = feet - h
    hr = 0.07 * h  # head half-width
    head_cy = top + 0.13 * h + hr * 1.2
    shoulder = head_cy + hr * 1.5
    hips = feet - 0.45 * h
    half = 0.16 * h
    out: list[dict] = []
    # legs and body
    trousers = (40, 40, 50) if p.work_clothes else (60, 70, 110)
    draw.rectangle([cx - half * 0.8, hips, cx - 0.05 * half, feet], fill=trousers)
    draw.rectangle([cx + 0.05 * half, hips, cx + half * 0.8, feet], fill=trousers)
    cloth = WORK_WHITES[int(hr) % len(WORK_WHITES)] if p.work_clothes else p.clothes
    draw.rounded_rectangle([cx - half, shoulder, cx + half, hips + 0.05 * h], radius=hr * 0.6, fill=cloth)
    arm = 0.25 * half
    draw.rectangle([cx - half - arm, shoulder + 2, cx - half, hips], fill=cloth)
    draw.rectangle([cx + half, shoulder + 2, cx + half + arm, hips], fill=cloth)
    if p.work_clothes:  # double-breasted buttons of a chef's jacket
        for i in range(3):
            y = shoulder + (hips - shoulder) * (0.2 + 0.25 * i)
            for dx in (-0.3, 0.3):
                r = max(hr * 0.08, 1)
                draw.ellipse([cx + dx * half - r, y - r, cx + dx * half + r, y + r], fill=(60, 60, 60))
    elif p.striped:
        for i in range(5):
            y = shoulder + (hips - shoulder) * i / 5
            draw.rectangle([cx - half, y, cx + half, y + (hips - shoulder) / 12], fill=(240, 240, 240))
    clothes_box = (cx - half - arm, shoulder, cx + half + arm, hips + 0.05 * h)
    out.append({"class": "work_clothes" if p.work_clothes else "no_work_clothes", "box": clothes_box})
    hand = (cx + half + arm * 0.5, hips)
    r = arm * 0.7
    draw.ellipse([hand[0] - r, hand[1] - r, hand[0] + r, hand[1] + r], fill=p.skin)
    if p.phone:
        pw, ph = hr * 0.55, hr * 1.0
        px, py = cx + half * 0.55, shoulder + (hips - shoulder) * 0.45
        draw.rectangle([px - pw, py - ph, px + pw, py + ph], fill=(20, 20, 25))
        draw.rectangle([px - pw * 0.75, py - ph * 0.8, px + pw * 0.75, py + ph * 0.7], fill=(80, 140, 210))
        draw.ellipse([px - r, py + ph * 0.5, px + r, py + ph * 0.5 + 2 * r], fill=p.skin)
        out.append({"class": "phone", "box": (px - pw, py - ph, px + pw, py + ph)})
    # neck, head, face
    draw.rectangle([cx - hr * 0.4, head_cy + hr, cx + hr * 0.4, shoulder + 2], fill=p.skin)
    face = (cx - hr, head_cy - hr * 1.2, cx + hr, head_cy + hr * 1.2)
    draw.ellipse(face, fill=p.skin)
    hair = (35, 25, 20)
    draw.chord([face[0], face[1], face[2], face[3] - hr * 0.6], 180, 360, fill=hair)
    eye_y = head_cy - hr * 0.1
    for dx in (-0.4, 0.4):
        ex = cx + (dx + 0.15 * p.facing) * hr
        e = max(hr * 0.12, 1.0)
        draw.ellipse([ex - e, eye_y - e, ex + e, eye_y + e], fill=(30, 30, 30))
    mouth_y = head_cy + hr * 0.6
    if p.mask:
        mask_colour = (170, 205, 230) if int(hr * 10) % 2 else (240, 240, 240)
        draw.rounded_rectangle(
            [cx - hr * 0.95, head_cy + hr * 0.1, cx + hr * 0.95, head_cy + hr * 1.05],
            radius=hr * 0.3,
            fill=mask_colour,
        )
        draw.line([(cx - hr * 0.95, head_cy + hr * 0.2), (cx - hr, head_cy - hr * 0.2)], fill=(200, 200, 200))
        draw.line([(cx + hr * 0.95, head_cy + hr * 0.2), (cx + hr, head_cy - hr * 0.2)], fill=(200, 200, 200))
    else:
        draw.line(
            [(cx - hr * 0.3, mouth_y), (cx + hr * 0.3, mouth_y)],
            fill=(150, 60, 60),
            width=max(int(hr / 8), 1),
        )
    out.append({"class": "mask" if p.mask else "no_mask", "box": face})
    if p.smoking:
        side = 1 if p.facing >= 0 else -1
        end_x = cx + side * hr * 1.5
        width = max(int(hr * 0.16), 2)
        draw.line(
            [(cx + side * hr * 0.2, mouth_y), (end_x, mouth_y - hr * 0.15)], fill=(250, 250, 250), width=width
        )
        draw.ellipse(
            [end_x - width, mouth_y - hr * 0.15 - width, end_x + width, mouth_y - hr * 0.15 + width],
            fill=(240, 110, 30),
        )
        draw.line(
            [(end_x, mouth_y - hr * 0.4), (end_x + side * hr * 0.2, mouth_y - hr)], fill=(200, 200, 200)
        )
        xs = sorted([cx + side * hr * 0.1, end_x + side * width])
        out.append({"class": "smoking", "box": (xs[0], mouth_y - hr * 0.45, xs[1], mouth_y + hr * 0.3)})
    head_top = face[1]
    if p.hat:
        hat_top = face[1] - 0.13 * h
        band = (face[0] - hr * 0.05, face[1] - hr * 0.3, face[2] + hr * 0.05, face[1] + hr * 0.5)
        draw.rectangle(band, fill=(248, 248, 248))
        draw.ellipse(
            [face[0] - hr * 0.35, hat_top, face[2] + hr * 0.35, band[1] + hr * 0.4], fill=(250, 250, 250)
        )
        for pleat in (-0.5, 0.0, 0.5):
            draw.line(
                [(cx + pleat * hr, hat_top + 0.3 * hr), (cx + pleat * hr, band[1] + hr * 0.2)],
                fill=(220, 220, 220),
            )
        head_top = hat_top
        out.append({"class": "chef_hat", "box": (face[0] - hr * 0.35, hat_top, face[2] + hr * 0.35, face[3])})
    else:
        if p.other_cap:  # a street cap is not a chef's hat: a hard negative on purpose
            cap = STREET_COLOURS[int(hr) % len(STREET_COLOURS)]
            draw.chord([face[0], face[1] - hr * 0.2, face[2], face[1] + hr * 0.9], 180, 360, fill=cap)
            brim = sorted([cx, cx + hr * 1.4 * (1 if p.facing >= 0 else -1)])
            draw.rectangle([brim[0], face[1] + hr * 0.25, brim[1], face[1] + hr * 0.4], fill=cap)
        out.append({"class": "no_chef_hat", "box": face})
    body = (cx - half - arm, head_top, cx + half + arm, feet)
    out.insert(0, {"class": "person", "box": body})
    return [{"class": obj["class"], "box": tuple(float(v) for v in obj["box"])} for obj in out]


def draw_bin(
    draw: ImageDraw.ImageDraw,
    x: float,
    feet: float,
    depth: float,
    colour: tuple[int, int, int],
    opened: bool,
    scale: float,
) -> list[dict]:
    bw, bh = 70 * depth * scale, 95 * depth * scale
    body = (x - bw / 2, feet - bh, x + bw / 2, feet)
    draw.rectangle(body, fill=colour)
    dark = tuple(max(c - 40, 0) for c in colour)
    draw.line([(body[0] + bw * 0.2, body[1] + 8), (body[0] + bw * 0.2, feet - 6)], fill=dark, width=2)
    draw.line([(body[2] - bw * 0.2, body[1] + 8), (body[2] - bw * 0.2, feet - 6)], fill=dark, width=2)
    lid_h = bh * 0.12
    if opened:
        draw.ellipse([body[0], body[1] - lid_h * 0.5, body[2], body[1] + lid_h * 0.5], fill=(25, 25, 20))
        lid = [
            (body[0], body[1]),
            (body[0] - bw * 0.25, body[1] - bw * 0.9),
            (body[0] - bw * 0.1, body[1] - bw * 0.95),
            (body[0] + lid_h, body[1] - lid_h * 0.2),
        ]
        draw.polygon(lid, fill=dark)
        box = (body[0] - bw * 0.25, body[1] - bw * 0.95, body[2], body[3])
    else:
        draw.rectangle([body[0] - 3, body[1] - lid_h, body[2] + 3, body[1]], fill=dark)
        box = (body[0] - 3, body[1] - lid_h, body[2] + 3, body[3])
    return [{"class": "bin_open" if opened else "bin_closed", "box": tuple(float(v) for v in box)}]


def draw_rat(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, direction: int) -> list[dict]:
    body_h = size * 0.45
    grey = (95, 85, 80)
    draw.ellipse([x - size / 2, y - body_h, x + size / 2, y], fill=grey)
    head_x = x + direction * size * 0.5
    draw.ellipse([head_x - size * 0.2, y - body_h * 0.8, head_x + size * 0.2, y - body_h * 0.05], fill=grey)
    draw.ellipse(
        [head_x - size * 0.05, y - body_h * 1.05, head_x + size * 0.08, y - body_h * 0.75],
        fill=(150, 110, 110),
    )
    tail_end = x - direction * size * 1.1
    draw.line(
        [(x - direction * size * 0.45, y - body_h * 0.3), (tail_end, y - body_h * 0.1)],
        fill=(140, 110, 110),
        width=max(int(size / 25), 1),
    )
    xs = sorted([head_x + direction * size * 0.2, tail_end])
    return [{"class": "rat", "box": (xs[0], y - body_h * 1.05, xs[1], y)}]
