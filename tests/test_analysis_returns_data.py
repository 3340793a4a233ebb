"""``analysis`` returns data, and the chapters word it (issue 16): no frame that an analysis
function returns on the report's data holds a sentence, a joined list of names or a label
built from several values.

The check is by vocabulary, so that it can fail for the right reason: a string value may be
a code or identifier (no whitespace), a country's name, an index's label or a region or
income group from the reference tables, or a column name of the frame the result itself
carries (the audit's pillars, "EGDI: OSI"). Anything else with a space in it ("not assessed
by EGDI 2024", "Denmark, Finland", "EGDI + GTMI", "same sub-region (South America)") is
wording, and belongs in ``chapters`` or ``wording``. Values inside tuples are checked too.
One test per function whose wording moved out, on real data.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import pandas as pd
import pytest

from smartresearch import datasets
from smartresearch.analysis import coverage, panels, peers
from smartresearch.analysis.audit import framework_audit
from smartresearch.analysis.country_record import fall_from_peak
from smartresearch.analysis.uncertainty import rank_uncertainty
from smartresearch.countries import reference


@pytest.fixture(scope="module")
def vocabulary() -> frozenset[str]:
    """The names a frame may hold as data: countries, index labels, regions, income groups."""
    ref = reference()
    groups = peers.country_groups()
    return frozenset(
        [
            *ref["name"].astype(str),
            *(i.label for i in panels.HEADLINE_INDICES),
            *(str(v) for c in ("region", "sub_region", "income_group") for v in groups[c]),
        ]
    )


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def worded(frames: Iterable[pd.DataFrame], known: Iterable[str]) -> list[str]:
    """Every string value of ``frames`` (their non-numeric columns, inside tuples too) that
    holds whitespace and is none of ``known``: text a chapter should have written."""
    allowed = set(known)
    found = []
    for frame in frames:
        for column in frame.columns:
            if pd.api.types.is_numeric_dtype(frame[column]):
                continue
            for value in frame[column].dropna():
                found += [
                    f"{column}: {s!r}"
                    for s in _strings(value)
                    if any(ch.isspace() for ch in s) and s not in allowed
                ]
    return found


def test_the_check_catches_wording_and_lets_names_through(vocabulary) -> None:
    """The shapes issue 16 removed fail; names, labels and codes pass."""
    old = pd.DataFrame(
        {
            "iso3": ["XKX", "TWN"],
            "country": ["Kosovo", "Taiwan"],
            "missing": [("EGDI",), ("EGDI", "GTMI")],
            "reason": ["not assessed by EGDI 2024", "not assessed by EGDI 2024 or GTMI 2025"],
        }
    )
    assert worded([old], vocabulary) == [
        "reason: 'not assessed by EGDI 2024'",
        "reason: 'not assessed by EGDI 2024 or GTMI 2025'",
    ]
    joined = pd.DataFrame(
        {"ranked_first": ["Denmark, Finland"], "indices": [("EGDI + GTMI",)], "n": [2]}
    )
    assert len(worded([joined], vocabulary)) == 2
    fine = pd.DataFrame(
        {"country": ["United Kingdom"], "indices": [("OECD DGI", "EU benchmark")], "x": ["a_b"]}
    )
    assert worded([fine], vocabulary) == []


def test_rank_uncertainty_returns_data(vocabulary) -> None:
    result = rank_uncertainty(runs=20, bootstrap=0)
    frames = [
        result.ranks,
        result.not_ranked,
        result.variance_shares,
        result.runs,
        result.editions,
        result.weight_bounds,
        pd.DataFrame({"option": list(result.ranges.values())}),
    ]
    assert not result.not_ranked.empty  # the left-out countries are checked, not skipped
    assert worded(frames, vocabulary) == []


def test_peers_return_data(vocabulary) -> None:
    table = peers.peer_table("KEN")
    named = peers.explain_peers("EST", ["FIN", "AND", "XKX"])
    assert worded([table, named], vocabulary) == []


def test_fall_from_peak_returns_codes(vocabulary) -> None:
    fall = fall_from_peak(datasets.load("egdi"), "GBR")
    assert worded([fall.history], vocabulary) == []
    # one leader a year reads like a name, so the shape is checked too: codes, not names
    assert all(isinstance(v, tuple) for v in fall.history["ranked_first"])


def test_coverage_patterns_return_labels(vocabulary) -> None:
    patterns = coverage.coverage_patterns(panels.latest_index_panel())
    assert (patterns["n_indices"] > 1).any()  # combinations of several labels are checked
    assert worded([patterns], vocabulary) == []


def test_framework_audit_returns_data(vocabulary) -> None:
    result = rank_uncertainty(runs=20, bootstrap=0)
    editions: Mapping[str, int] = dict(
        zip(result.editions["component"], result.editions["year"], strict=True)
    )
    got = framework_audit(result.ranks.set_index("iso3")["score"], editions)
    keys = vocabulary | set(map(str, got.values.columns))
    assert worded([got.coherence, got.information, got.overlap], keys) == []
