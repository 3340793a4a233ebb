"""Chapter 2's sentences say what the rank table says: strongest and weakest with ranks."""

from __future__ import annotations

import pandas as pd
import pytest

from smartresearch.chapters import approaches

COMPONENTS = ["osi", "hci", "tii", "epi"]
LABELS = {"osi": "Online services", "hci": "Human capital", "tii": "Telecoms", "epi": "E-part"}


def row(country: str, n: int, **ranks: int | None) -> pd.Series:
    return pd.Series({"country": country, "peer_n": n, **ranks})


def test_weakest_is_the_own_lowest_rank_and_only_last_when_it_is_last() -> None:
    phrase = approaches.strength_phrase(
        row("Denmark", 17, osi=2, hci=7, tii=2, epi=1), COMPONENTS, LABELS
    )
    assert phrase == (
        "Denmark's strongest component among the 17 is e-part (1st); "
        "its weakest, human capital (7th)"
    )
    assert "worst" not in phrase and "last" not in phrase
    last = approaches.strength_phrase(row("Chile", 5, osi=1, hci=5, tii=2, epi=3), COMPONENTS)
    assert last.endswith("its weakest, hci (5th, last)")


def test_ties_and_articles_and_missing_components() -> None:
    tied = approaches.strength_phrase(
        row("United Kingdom", 9, osi=3, hci=3, tii=8, epi=8), COMPONENTS, LABELS
    )
    assert tied.startswith("The United Kingdom's strongest component among the 9 is online")
    assert "online services, human capital (3rd)" in tied and "telecoms, e-part (8th)" in tied
    same = approaches.strength_phrase(row("Estonia", 4, osi=2, hci=2), COMPONENTS)
    assert same == "Estonia ranks 2nd of 4 on every component"
    none = approaches.strength_phrase(row("Kosovo", 4), COMPONENTS)
    assert none == "Kosovo is not assessed on these components"


@pytest.mark.parametrize("dataset", ["egdi", "gtmi"])
def test_positions_note_gives_each_edition_its_own_world_total(dataset: str) -> None:
    positions = pd.DataFrame(
        {
            "dataset": [dataset, dataset, "other"],
            "year": [2024, 2024, 2022],
            "assessed": [True, True, True],
            "world_n": [193, 193, 38],
        }
    )
    note = approaches.positions_note(positions, {dataset: "Index A"})
    assert "Index A 2024: 193" in note and "other 2022: 38" in note
    assert "leaves out the country itself" in note
