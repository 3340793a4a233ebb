"""Direct labels that do not overlap.

Lines are labelled at their ends rather than through a legend (the reader need not match
colours, which matters for colour-blind readers). When several lines end close together,
their labels are spread apart along one axis with the smallest movement that keeps a
minimum gap, and a thin leader connects each moved label to its line.

Positions are computed from the figure size and font size before layout, not from a
renderer, so they are the same on every backend and every run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib import transforms
from matplotlib.axes import Axes

#: Vertical room a one-line label needs, as a multiple of its font size.
LINE_SPACING = 1.3
#: Constrained layout and titles shrink an Axes after we place labels; assume this share
#: of its current height survives, so labels stay apart in the final figure.
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


def data_gap_y(ax: Axes, fontsize: float) -> float:
    """The vertical distance, in data units, that one line of text of ``fontsize`` needs."""
    height_pts = ax.get_position().height * ax.get_figure(root=True).get_figheight() * 72
    low, high = ax.get_ylim()
    return (
        abs(high - low) * fontsize * LINE_SPACING / max(height_pts * HEIGHT_SURVIVING_LAYOUT, 1.0)
    )


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
    Returns the annotation artists.
    """
    if not ends:
        return []
    ax.set_ylim(*ax.get_ylim())
    low, high = sorted(ax.get_ylim())
    gap = data_gap_y(ax, fontsize)
    ys = [e[1] for e in ends]
    placed = spread(ys, gap, low + gap / 2, high - gap / 2)
    sign = 1 if side == "right" else -1
    text_transform = transforms.offset_copy(
        ax.transData, fig=ax.get_figure(root=True), x=sign * offset_pts, y=0, units="points"
    )
    artists = []
    for (x, y, text, colour), y_label in zip(ends, placed, strict=True):
        moved = abs(y_label - y) > gap * 0.25
        artists.append(
            ax.annotate(
                text,
                xy=(x, y),
                xytext=(x, y_label),
                textcoords=text_transform,
                ha="left" if side == "right" else "right",
                va="center",
                fontsize=fontsize,
                color=colour,
                annotation_clip=False,
                arrowprops=(
                    {"arrowstyle": "-", "color": colour, "lw": 0.5, "shrinkA": 0, "shrinkB": 2}
                    if moved
                    else None
                ),
            )
        )
    return artists


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
)


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

    Each label takes the first of six spots around its point whose (estimated) box does
    not overlap an earlier label, a point in ``obstacles`` or the Axes edge; failing that,
    the spot with the least overlap. Call after the limits are final.
    """
    if not labels:
        return []
    fig = ax.get_figure(root=True)
    position = ax.get_position()
    width_pts = position.width * fig.get_figwidth() * 72 * HEIGHT_SURVIVING_LAYOUT
    height_pts = position.height * fig.get_figheight() * 72 * HEIGHT_SURVIVING_LAYOUT
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()

    def to_points(x: float, y: float) -> tuple[float, float]:
        return (x - x0) / (x1 - x0) * width_pts, (y - y0) / (y1 - y0) * height_pts

    point_boxes = []
    for ox, oy in obstacles:
        px, py = to_points(ox, oy)
        point_boxes.append((px - 2.5, py - 2.5, px + 2.5, py + 2.5))
    placed: list[tuple[float, float, float, float]] = []
    artists = []
    for x, y, text, colour in labels:
        px, py = to_points(x, y)
        width, height = 0.58 * fontsize * len(text), 1.15 * fontsize
        best, best_cost = _POINT_LABEL_SPOTS[0], float("inf")
        for spot in _POINT_LABEL_SPOTS:
            box = _box(px, py, *spot, width, height)
            outside = (
                max(0.0, -box[0])
                + max(0.0, box[2] - width_pts)
                + max(0.0, -box[1])
                + max(0.0, box[3] - height_pts)
            )
            cost = sum(_overlap(box, other) for other in placed) * 4 + outside * height
            cost += sum(_overlap(box, other) for other in point_boxes)
            if cost < best_cost - 1e-9:
                best, best_cost = spot, cost
            if cost == 0:
                break
        dx, dy, ha, va = best
        placed.append(_box(px, py, dx, dy, ha, va, width, height))
        artists.append(
            ax.annotate(
                text,
                xy=(x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=fontsize,
                color=colour,
                annotation_clip=False,
            )
        )
    return artists
