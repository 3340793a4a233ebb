"""Countries as people type them, in every public function that takes countries.

The issue's case: ``countries=["Estonia"]`` or ``["est"]`` was refused with a message about
an argument the user never passed ("highlight") and advice for maintainers ("add the
country to the reference list"). Now names, aliases and codes in any case resolve, and an
unknown one names the real argument and the closest matches.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from smartresearch import datasets  # noqa: E402
from smartresearch.analysis import country_record, peer_views, profiles  # noqa: E402
from smartresearch.chapters import composite_grades  # noqa: E402
from smartresearch.countries import resolve_countries, resolve_country  # noqa: E402
from smartresearch.errors import UnknownCountryError  # noqa: E402

TYPED = {
    "EST": "EST",
    "est": "EST",
    " Estonia ": "EST",
    "ESTONIA": "EST",
    "UK": "GBR",
    "United Kingdom": "GBR",
    "Great Britain": "GBR",
    "Korea": "KOR",
    "South Korea": "KOR",
    "Republic of Korea": "KOR",
    "Korea, Republic of": "KOR",
    "Türkiye": "TUR",
    "Turkey": "TUR",
    "turkiye": "TUR",
    "USA": "USA",
    "U.S.": "USA",
    "United States": "USA",
    "Côte d'Ivoire": "CIV",
    "Cote d’Ivoire".replace("o", "ô", 1): "CIV",
    "Viet Nam": "VNM",
    "Vietnam": "VNM",
    "Czech Republic": "CZE",
}


@pytest.mark.parametrize("typed,code", sorted(TYPED.items()))
def test_codes_names_and_aliases_resolve(typed, code):
    assert resolve_country(typed) == code


def test_unknown_country_names_the_argument_and_the_closest_matches():
    with pytest.raises(UnknownCountryError) as caught:
        resolve_countries(["Estonia", "Urugay"], argument="countries")
    message = str(caught.value)
    assert "countries='Urugay'" in message and "Uruguay (URY)" in message
    assert "reference list" not in message and "countries.csv" not in message
    with pytest.raises(UnknownCountryError, match="expected a country"):
        resolve_country(None, argument="country")


def test_trajectories_take_names_and_a_typo_names_the_countries_argument():
    egdi = datasets.load("egdi")
    import smartresearch.plots as srp

    ax = srp.plot_trajectories(egdi, "egdi", countries=["Estonia", "uruguay", "RWA"])
    labels = " ".join(t.get_text() for t in ax.texts)
    assert "Estonia" in labels and "Uruguay" in labels and "Rwanda" in labels
    plt.close(ax.figure)
    with pytest.raises(UnknownCountryError) as caught:
        srp.plot_trajectories(egdi, "egdi", countries=["Estnia"])
    assert "countries='Estnia'" in str(caught.value) and "Estonia (EST)" in str(caught.value)
    assert "highlight" not in str(caught.value)
    assert srp.country_colour("est", highlight="Estonia") == srp.country_colour(
        "EST", highlight="EST"
    )


def test_analysis_functions_take_names():
    frames = profiles.index_frames(["egdi"])
    assert profiles.validate_country("Estonia", frames) == "EST"
    assert profiles.comparison_group("Estonia", ["Latvia", "ltu"]) == ("EST", "LVA", "LTU")
    assert composite_grades.comparator_group(["uk", "Estonia"]) == ["focus", "peer"]
    with pytest.raises(UnknownCountryError, match="country='Narnia'"):
        profiles.validate_country("Narnia", frames)


def test_profile_functions_and_charts_take_names():
    import smartresearch.plots as srp

    frames = profiles.index_frames(["egdi"])
    egdi = frames["egdi"]
    by_name = peer_views.trajectory(egdi, "Uruguay", ["Argentina", "chl"], indicator="egdi")
    by_code = peer_views.trajectory(egdi, "URY", ["ARG", "CHL"], indicator="egdi")
    assert by_name.equals(by_code) and set(by_name["iso3"]) == {"URY"}
    positions = profiles.latest_positions(frames, "rwanda", ["Kenya", "UGA"])
    assert set(positions["iso3"]) == {"RWA"}
    assert country_record.country_coverage(frames, "Estonia")["n_assessed"].sum() > 0
    band = peer_views.trajectory(egdi, "Estonia", ["Latvia", "LTU"], indicator="egdi")
    ax = srp.plot_peer_band(band)
    assert "Estonia" in srp.alt_text(ax)
    plt.close(ax.figure)
