"""Benchmark: what the kitchen wall and the alert evidence cost per frame (CPU) and per page (bytes).

Measured on rendered simulated frames with their ground-truth boxes, CPU time of this process
(best of three rounds, so other work on the machine counts less). The baseline, in the same run:
the public live frame the worker already made per frame, and a page of twelve separate tile
streams (the sum of their frames) against the one composed picture the wall sends.
Usage: .venv/bin/python bench/kitchen_wall.py [--tiles 12] [--rounds 40]
"""

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu_ms(run: Callable[[int], object], rounds: int) -> float:
    best = []
    for _ in range(3):
        start = time.process_time()
        for index in range(rounds):
            run(index)
        best.append((time.process_time() - start) / rounds * 1000)
    return round(min(best), 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tiles", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()

    from analytics.detection.render import draw_boxes, jpeg
    from analytics.detection.synthetic import SimulatedKitchen
    from backend.cameras import mosaic, stream, watch

    scenes = [SimulatedKitchen(seed=seed, width=640, height=480).frame(seed * 7.0)
              for seed in range(args.tiles)]
    camera = {"blur_faces": True}
    lives = [watch.live_jpeg(camera, frame, boxes) for frame, boxes in scenes]
    tiles = [stream.shrink(live, stream.TILE_WIDTH) for live in lives]
    picture = mosaic.compose(tiles)

    def clip_frame(index: int) -> bytes:
        frame, boxes = scenes[index % len(scenes)]
        return jpeg(watch._narrow(draw_boxes(frame, boxes), watch.CLIP_WIDTH), quality=60)

    result = {
        "live_frame_ms": cpu_ms(lambda i: watch.live_jpeg(camera, *scenes[i % len(scenes)]), args.rounds),
        "clip_frame_ms": cpu_ms(clip_frame, args.rounds),
        "tile_ms": cpu_ms(lambda i: stream.shrink(lives[i % len(lives)], stream.TILE_WIDTH), args.rounds),
        "page_picture_ms": cpu_ms(lambda i: mosaic.compose(tiles), max(5, args.rounds // 4)),
        "live_frame_kib": round(statistics.median(map(len, lives)) / 1024, 1),
        "clip_frame_kib": round(statistics.median(len(clip_frame(i)) for i in range(len(scenes))) / 1024, 1),
        "tile_kib": round(statistics.median(map(len, tiles)) / 1024, 1),
        "separate_tiles_kib": round(sum(map(len, tiles)) / 1024, 1),
        "page_picture_kib": round(len(picture) / 1024, 1),
        "tiles": args.tiles,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
