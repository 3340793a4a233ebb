"""Colours: one fixed colour per focus country, muted grey for everyone else.

A reader who has learnt that Denmark is vermillion in one figure must find it vermillion in
every other, so country colours come from this table and never from matplotlib's colour
cycle. The colours are from the Okabe & Ito (2008) colour-blind-safe palette; the three
focus colours (vermillion, blue, bluish green) and the peer grey were chosen as the triple
that stays furthest apart (CIELAB distance >= 17) under simulated protanopia, deuteranopia
and tritanopia (Machado et al. 2009), and they have enough contrast on white to be used for
text labels. Charts also label lines directly, so colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

import numpy as np
from matplotlib.colors import to_rgb

from smartresearch.countries import FOCUS, known_iso3, resolve_countries

#: Okabe & Ito's eight colours, by the names they gave them.
OKABE_ITO: MappingProxyType[str, str] = MappingProxyType(
    {
        "black": "#000000",
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
        "bluish_green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish_purple": "#CC79A7",
    }
)

#: The fixed colour of each focus country.
FOCUS_COLOURS: MappingProxyType[str, str] = MappingProxyType(
    {
        "DNK": OKABE_ITO["vermillion"],
        "KOR": OKABE_ITO["blue"],
        "GBR": OKABE_ITO["bluish_green"],
    }
)

#: Lines and markers of peer (non-focus) countries: present, but in the background.
PEER_GREY = "#A6A6A6"
#: Text belonging to peers (labels), dark enough to read on white.
PEER_TEXT_GREY = "#5E5E5E"
#: Neutral ink for reference elements (targets, medians, annotations).
INK = "#262626"
#: A country a chart highlights that has no fixed focus colour (the country of a profile).
#: Okabe & Ito's reddish purple: not a focus colour, and distinct from the peer grey and
#: the focus colours under simulated colour-vision deficiency.
HIGHLIGHT_COLOUR = OKABE_ITO["reddish_purple"]
#: Colours of several highlighted countries, in the order of their codes: the first is
#: :data:`HIGHLIGHT_COLOUR`, the rest are Okabe & Ito colours no focus country uses. A
#: fifth highlighted country starts the cycle again (labels still tell them apart).
HIGHLIGHT_COLOURS: tuple[str, ...] = (
    HIGHLIGHT_COLOUR,
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["black"],
)
#: Fill for cells and bars that have no data: "not assessed" must not look like zero.
MISSING_FILL = "#F2F2F2"

#: Colours for non-country series (index components, themes), in a fixed order. They skip
#: the focus colours, so that a component line is never mistaken for a focus country.
SERIES_COLOURS: tuple[str, ...] = (
    OKABE_ITO["orange"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["black"],
    OKABE_ITO["yellow"],
)

#: Colours of an index's components (online services, human capital, telecoms,
#: e-participation, in the order given), drawn beside a country's own colour and the
#: composite in ink. Okabe & Ito's orange, sky blue and yellow are too light for a thin
#: line on white (1.3:1 to 2.3:1) and the orange reads as Denmark's vermillion, so these
#: are darker (Tol's indigo and wine, Okabe & Ito's reddish purple, a dark olive-yellow):
#: each at least 3:1 on white, at least 30 CIELAB units from every country colour, the
#: peer grey and the ink, and at least 25 from each other under normal vision and
#: simulated protanopia, deuteranopia and tritanopia (tests/test_plots_palette_contrast.py).
COMPONENT_COLOURS: tuple[str, ...] = (
    "#332288",  # indigo
    "#882255",  # wine
    OKABE_ITO["reddish_purple"],
    "#8A7300",  # dark olive-yellow
)

#: Machado, Oliveira & Fernandes (2009) matrices for full-severity colour-vision
#: deficiencies, applied to linear RGB: how a palette looks to about 1 in 12 men.
CVD_MATRICES: MappingProxyType[str, np.ndarray] = MappingProxyType(
    {
        "normal": np.eye(3),
        "protanopia": np.array(
            [
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ]
        ),
        "deuteranopia": np.array(
            [
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ]
        ),
        "tritanopia": np.array(
            [
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, -0.691367, 1.724606],
            ]
        ),
    }
)


def _linear_rgb(colour) -> np.ndarray:
    channels = np.asarray(to_rgb(colour), dtype=float)
    return np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)


def relative_luminance(colour) -> float:
    """WCAG 2 relative luminance of a matplotlib colour (0 black, 1 white)."""
    red, green, blue = _linear_rgb(colour)
    return float(0.2126 * red + 0.7152 * green + 0.0722 * blue)


def contrast_ratio(colour, background="white") -> float:
    """WCAG 2 contrast ratio of ``colour`` against ``background`` (1 to 21); 3:1 is the
    floor for graphics such as chart lines, 4.5:1 for small text."""
    low, high = sorted((relative_luminance(colour), relative_luminance(background)))
    return (high + 0.05) / (low + 0.05)


def cielab(colour, vision: str = "normal") -> np.ndarray:
    """CIELAB (D65) coordinates of ``colour``, as seen with ``vision`` (a key of
    :data:`CVD_MATRICES`)."""
    if vision not in CVD_MATRICES:
        raise ValueError(f"cielab: vision must be one of {list(CVD_MATRICES)}, not {vision!r}")
    red, green, blue = np.clip(CVD_MATRICES[vision] @ _linear_rgb(colour), 0.0, 1.0)
    xyz = (
        (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047,
        0.2126 * red + 0.7152 * green + 0.0722 * blue,
        (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883,
    )
    fx, fy, fz = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return np.array([116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)])


def colour_distance(a, b, vision: str = "normal") -> float:
    """CIELAB distance (CIE76 delta E) between two colours as seen with ``vision``; about
    2 is just noticeable, 20 or more tells two thin lines apart at a glance."""
    return float(np.linalg.norm(cielab(a, vision) - cielab(b, vision)))


if set(FOCUS_COLOURS) != set(FOCUS):  # pragma: no cover - guards an edit to countries.FOCUS
    raise RuntimeError(
        f"palette.FOCUS_COLOURS {sorted(FOCUS_COLOURS)} must cover countries.FOCUS {sorted(FOCUS)}"
    )


def highlighted(highlight: str | Iterable[str] = ()) -> frozenset[str]:
    """The codes a chart highlights beside the focus countries, checked.

    ``highlight`` is one ISO3 code or several. A typo ("EEST") raises
    :class:`~smartresearch.errors.UnknownCountryError` instead of silently highlighting
    nothing.
    """
    codes = frozenset([highlight] if isinstance(highlight, str) else map(str, highlight))
    if codes - FOCUS_COLOURS.keys() - known_iso3():
        codes = frozenset(resolve_countries(sorted(codes), argument="highlight"))
    return codes


def is_focus(iso3: str, highlight: str | Iterable[str] = ()) -> bool:
    """Whether a chart draws ``iso3`` in colour: a focus country, or one it highlights."""
    return iso3 in FOCUS_COLOURS or iso3 in highlighted(highlight)


def _colour(iso3: str, highlight: str | Iterable[str], other: str, context: str) -> str:
    if iso3 in FOCUS_COLOURS:
        return FOCUS_COLOURS[iso3]
    if iso3 not in known_iso3():
        iso3 = resolve_countries([iso3], argument=context)[0]
    extra = sorted(highlighted(highlight) - FOCUS_COLOURS.keys())
    if iso3 not in extra:
        return other
    return HIGHLIGHT_COLOURS[extra.index(iso3) % len(HIGHLIGHT_COLOURS)]


def country_colour(iso3: str, *, highlight: str | Iterable[str] = ()) -> str:
    """Hex colour of a country: its fixed colour if it is a focus country, else peer grey.

    Only the three focus countries have fixed colours. To bring any other country forward
    (a profile of Estonia, say), name it in ``highlight``: it is then drawn in
    :data:`HIGHLIGHT_COLOUR` (a focus country keeps its own colour).

    >>> country_colour("EST")  # peer grey
    '#A6A6A6'
    >>> country_colour("Estonia", highlight="EST")  # the highlight colour
    '#CC79A7'

    Raises :class:`~smartresearch.errors.UnknownCountryError` for a code that is not in the
    reference list, so a typo ("DEN") does not silently turn Denmark grey.
    """
    return _colour(iso3, highlight, PEER_GREY, "country_colour")


def country_text_colour(iso3: str, *, highlight: str | Iterable[str] = ()) -> str:
    """Colour for a country's label: its own colour for focus (and highlighted) countries,
    dark grey otherwise."""
    return _colour(iso3, highlight, PEER_TEXT_GREY, "country_text_colour")


def series_colour(position: int) -> str:
    """Colour of the ``position``-th non-country series (components, themes), cycling."""
    return SERIES_COLOURS[position % len(SERIES_COLOURS)]


def draw_order(codes: Iterable[str], *, highlight: str | Iterable[str] = ()) -> list[str]:
    """Peers first, then highlighted countries, then focus countries (so coloured lines are
    drawn on top), each group sorted."""
    codes = sorted(set(codes))
    extra = highlighted(highlight)
    peers = [c for c in codes if c not in FOCUS_COLOURS and c not in extra]
    raised = [c for c in codes if c not in FOCUS_COLOURS and c in extra]
    return peers + raised + [c for c in FOCUS if c in codes]
