"""Direct labels that do not overlap.

Lines are labelled at their ends rather than through a legend (the reader need not match
colours, which matters for colour-blind readers). When several lines end close together,
their labels are spread apart along one axis with the smallest movement that keeps a
minimum gap, and a thin leader connects each moved label to its line. Scatter points are
labelled beside them, each label taking the first free spot around its point.

Positions are computed **at draw time**, from the figure's renderer: each label's
``textcoords`` is a callable that matplotlib calls with the renderer once the layout is
final, so the spreading uses the real text extents and the real, post-layout size of the
Axes (titles, constrained layout and ``bbox_inches="tight"`` can no longer squeeze labels
into each other after they were placed). The computation is plain arithmetic on those
numbers, so the same figure gives the same pixels on every run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from matplotlib import patheffects, transforms
from matplotlib.axes import Axes
from matplotlib.text import Annotation, Text

#: Vertical room between the centres of two stacked labels, as a multiple of the height
#: of the tallest label (measured with the renderer).
LINE_SPACING = 1.2
#: Constrained layout and titles shrink an Axes after it is created; size estimates made
#: before drawing (``_draw``'s year-tick thinning) allow for that much of it surviving.
HEIGHT_SURVIVING_LAYOUT = 0.85


def spread(targets: Sequence[float], gap: float, lower: float, upper: float) -> np.ndarray:
    """Move 1-D positions apart so neighbours are at least ``gap`` apart, staying near targets.

    Labels that would collide are merged into a block centred on the mean of their targets;
    blocks are pushed inside ``[lower, upper]`` when there is room. The result keeps the
    order of the targets (a label never jumps over another). Returns positions in the
    original order of ``targets``.
    """
    targets = np.asarray(targets, dtype=float)
    if targets.size == 0:
        return targets
    order = np.argsort(targets, kind="stable")
    sorted_targets = targets[order]
    blocks: list[list[int]] = [[i] for i in range(len(sorted_targets))]

    def start(block: list[int]) -> float:
        centre = float(np.mean(sorted_targets[block]))
        begin = centre - gap * (len(block) - 1) / 2
        span = gap * (len(block) - 1)
        if upper - lower >= span:  # room for the block: keep it inside the limits
            begin = min(max(begin, lower), upper - span)
        return begin

    changed = True
    while changed:
        changed = False
        for i in range(len(blocks) - 1):
            end_i = start(blocks[i]) + gap * (len(blocks[i]) - 1)
            if start(blocks[i + 1]) - end_i < gap - 1e-12:
                blocks[i] = blocks[i] + blocks.pop(i + 1)
                changed = True
                break
    positions = np.empty_like(sorted_targets)
    for block in blocks:
        begin = start(block)
        for offset, index in enumerate(block):
            positions[index] = begin + gap * offset
    result = np.empty_like(positions)
    result[order] = positions
    return result


def text_size(text: Text, renderer) -> tuple[float, float]:
    """Width and height in display pixels of ``text``'s own box (an annotation's arrow
    excluded), measured with ``renderer``."""
    box = Text.get_window_extent(text, renderer)
    return float(box.width), float(box.height)


class _DrawTimeLayout:
    """Shared state of one group of labels: computes every label's display position once
    per (renderer, Axes box, data transform), so each label's callable is cheap."""

    def __init__(self, ax: Axes, compute: Callable[[object], list[tuple[float, float]]]):
        self.ax = ax
        self.compute = compute
        self.artists: list[Annotation] = []
        self._key: tuple | None = None
        self._positions: list[tuple[float, float]] = []

    def positions(self, renderer) -> list[tuple[float, float]]:
        key = (
            id(renderer),
            tuple(self.ax.bbox.bounds),
            tuple(self.ax.transData.transform([(0.0, 0.0), (1.0, 1.0)]).ravel()),
            self.ax.get_figure(root=True).dpi,
        )
        if key != self._key:
            self._positions = self.compute(renderer)
            self._key = key
        return self._positions

    def coords(self, index: int) -> Callable[[object], transforms.Transform]:
        def at(renderer) -> transforms.Transform:
            x, y = self.positions(renderer)[index]
            return transforms.Affine2D().translate(x, y)

        return at


def label_line_ends(
    ax: Axes,
    ends: Sequence[tuple[float, float, str, str]],
    *,
    fontsize: float,
    side: str = "right",
    offset_pts: float = 5.0,
) -> list:
    """Write ``(x, y, text, colour)`` labels beside line ends, spread so they do not overlap.

    ``side`` is ``"right"`` (labels after the last point, left-aligned) or ``"left"``.
    The y-limits are fixed first, so later autoscaling cannot shift the lines under labels.
    At draw time the labels are spread vertically by at least the measured height of the
    tallest label; a label moved more than a quarter of that gets a leader to its line.
    Returns the annotation artists.
    """
    if not ends:
        return []
    ax.set_ylim(*ax.get_ylim())
    sign = 1 if side == "right" else -1
    points = np.array([(e[0], e[1]) for e in ends], dtype=float)

    def compute(renderer) -> list[tuple[float, float]]:
        display = ax.transData.transform(points)
        height = max(text_size(artist, renderer)[1] for artist in layout.artists)
        gap = height * LINE_SPACING
        low, high = sorted((ax.bbox.y0, ax.bbox.y1))
        # Spread along the data direction, so tied values keep the order they came in
        # reading along the axis (an inverted rank axis lists ties top-down).
        flip = -1.0 if ax.yaxis_inverted() else 1.0
        bounds = sorted((flip * (low + gap / 2), flip * (high - gap / 2)))
        placed = flip * spread(flip * display[:, 1], gap, *bounds)
        offset = sign * renderer.points_to_pixels(offset_pts)
        for artist, target, y in zip(layout.artists, display[:, 1], placed, strict=True):
            moved = abs(y - target) > gap * 0.25
            if artist.arrow_patch is not None and artist.arrow_patch.get_visible() != moved:
                artist.arrow_patch.set_visible(moved)
        return [(float(x) + offset, float(y)) for x, y in zip(display[:, 0], placed, strict=True)]

    layout = _DrawTimeLayout(ax, compute)
    for index, (x, y, text, colour) in enumerate(ends):
        layout.artists.append(
            ax.annotate(
                text,
                xy=(x, y),
                xytext=(0, 0),
                textcoords=layout.coords(index),
                ha="left" if side == "right" else "right",
                va="center",
                fontsize=fontsize,
                color=colour,
                annotation_clip=False,
                arrowprops={
                    "arrowstyle": "-",
                    "color": colour,
                    "lw": 0.5,
                    "shrinkA": 0,
                    "shrinkB": 2,
                },
            )
        )
    return list(layout.artists)


def label_both_ends(
    ax: Axes,
    left: Sequence[tuple[float, float, str, str]],
    right: Sequence[tuple[float, float, str, str]],
) -> None:
    """Label lines at their start (``left``) and end (``right``): 8 pt, or 6.5 pt when a
    side holds more than 20 labels, so a full peer group still fits the height."""
    fontsize = 8.0 if max(len(left), len(right)) <= 20 else 6.5
    label_line_ends(ax, left, fontsize=fontsize, side="left")
    label_line_ends(ax, right, fontsize=fontsize, side="right")


#: Where a point label may go, tried in order: (dx, dy) in points and its alignment.
_POINT_LABEL_SPOTS: tuple[tuple[float, float, str, str], ...] = (
    (5, 3, "left", "bottom"),
    (-5, 3, "right", "bottom"),
    (5, -3, "left", "top"),
    (-5, -3, "right", "top"),
    (0, 7, "center", "bottom"),
    (0, -7, "center", "top"),
    # A second ring, farther out, for crowded corners (two labelled points side by side).
    (5, 13, "left", "bottom"),
    (-5, 13, "right", "bottom"),
    (5, -13, "left", "top"),
    (-5, -13, "right", "top"),
    (0, 20, "center", "bottom"),
    (0, -20, "center", "top"),
)
_SPOTS_PER_RING = 6
#: How much worse covering another label is than covering a point or leaving the Axes.
LABEL_OVERLAP_WEIGHT = 1000.0
#: A point label farther than this (points) from its point gets a leader line to it.
NEAR_PTS = 6.5
#: White outline under point labels, so grey points behind a label do not cut its letters.
HALO = patheffects.withStroke(linewidth=2.5, foreground="white")
#: Point labels sit above every point (focus points are drawn at zorder 3).
LABEL_ZORDER = 5


def _box(x: float, y: float, dx: float, dy: float, ha: str, va: str, width: float, height: float):
    left = x + dx - {"left": 0.0, "center": width / 2, "right": width}[ha]
    bottom = y + dy - {"bottom": 0.0, "top": height}[va]
    return (left, bottom, left + width, bottom + height)


def _overlap(a, b) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def label_points(
    ax: Axes,
    labels: Sequence[tuple[float, float, str, str]],
    *,
    fontsize: float,
    obstacles: Sequence[tuple[float, float]] = (),
) -> list:
    """Label scatter points ``(x, y, text, colour)`` beside them, avoiding each other.

    At draw time each label takes the first of twelve spots around its point (six close,
    six farther out) whose measured box does not overlap an earlier label, a point in
    ``obstacles`` or the Axes edge, and is nearer its own point than any other labelled
    point. Failing that, a near spot that covers no label and
    stays inside the Axes wins over a far one (a label should sit by its own point), and
    among those the one covering the fewest points. Labels have a white halo and are drawn
    above the points; a label farther than :data:`NEAR_PTS` from its point, or as close
    to another labelled point as to its own, gets a thin leader to it. Call after the
    limits are final.
    """
    if not labels:
        return []
    points = np.array([(x, y) for x, y, _, _ in labels], dtype=float)
    others = np.array(list(obstacles), dtype=float).reshape(-1, 2)

    def compute(renderer) -> list[tuple[float, float]]:
        px = renderer.points_to_pixels(1.0)
        frame = ax.bbox
        display = ax.transData.transform(points)
        radius = 2.5 * px
        point_boxes = [
            (ox - radius, oy - radius, ox + radius, oy + radius)
            for ox, oy in ax.transData.transform(others)
        ]
        placed: list[tuple[float, float, float, float]] = []
        corners = []
        for index, (artist, (x, y)) in enumerate(zip(layout.artists, display, strict=True)):
            width, height = text_size(artist, renderer)
            rivals = [p for i, p in enumerate(display) if i != index]
            best, best_cost = None, (float("inf"),)
            for number, (dx, dy, ha, va) in enumerate(_POINT_LABEL_SPOTS):
                box = _box(x, y, dx * px, dy * px, ha, va, width, height)
                outside = (
                    max(0.0, frame.x0 - box[0])
                    + max(0.0, box[2] - frame.x1)
                    + max(0.0, frame.y0 - box[1])
                    + max(0.0, box[3] - frame.y1)
                )
                # Covering a label or leaving the Axes is never worth it; a far spot is
                # taken only when no near one avoids both; covering grey points decides last.
                hard = sum(_overlap(box, o) for o in placed) * LABEL_OVERLAP_WEIGHT
                hard += outside * height
                soft = sum(_overlap(box, other) for other in point_boxes)
                # a label as near another labelled point as its own could name either
                own = _distance_to_box((x, y), box)
                ambiguous = any(_distance_to_box(p, box) <= own for p in rivals)
                cost = (hard, ambiguous, number // _SPOTS_PER_RING, soft)
                if cost < best_cost:
                    best, best_cost = box, cost
                if hard == 0 and soft == 0 and not ambiguous:
                    break
            assert best is not None
            placed.append(best)
            corners.append((best[0], best[1]))
        near = NEAR_PTS * px
        for index, (artist, box) in enumerate(zip(layout.artists, placed, strict=True)):
            own = _distance_to_box(display[index], box)
            rivals = [_distance_to_box(p, box) for i, p in enumerate(display) if i != index]
            artist.arrow_patch.set_visible(needs_leader(own, rivals, near))
        return corners

    layout = _DrawTimeLayout(ax, compute)
    for index, (x, y, text, colour) in enumerate(labels):
        layout.artists.append(
            ax.annotate(
                text,
                xy=(x, y),
                xytext=(0, 0),
                textcoords=layout.coords(index),
                ha="left",
                va="bottom",
                fontsize=fontsize,
                color=colour,
                annotation_clip=False,
                zorder=LABEL_ZORDER,
                path_effects=[HALO],
                arrowprops={
                    "arrowstyle": "-",
                    "color": colour,
                    "lw": 0.6,
                    "shrinkA": 0,
                    "shrinkB": 2,
                },
            )
        )
    return list(layout.artists)


def _distance_to_box(point, box) -> float:
    """Display distance from ``point`` to the nearest edge of ``box`` (0 inside it)."""
    x, y = point
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return float(np.hypot(dx, dy))


def needs_leader(own: float, rivals: Sequence[float], near: float) -> bool:
    """Whether a point label needs a leader line to its point: when it sits farther than
    ``near`` from it, or when another labelled point is as close to it as its own (two
    labels side by side, "Uganda Tanzania", must not leave the reader to guess)."""
    return own > near or any(rival <= own for rival in rivals)
