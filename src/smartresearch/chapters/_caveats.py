"""The dataset caveats several chapters print beside their numbers, worded once.

Why a shared private module: chapters 2, 3 and 5 each repeat the provenance caveats of the
indices they read (the 2024 UN re-save, the DGI extracted from PDFs, the GTMI's groups),
and chapter 3 the caveats about comparing editions and coverage. The caveat text itself is
data (each dataset's spec, what ``smartresearch data info`` prints); only the Markdown list
it is shown as is wording, and it lives here so no chapter imports another.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from smartresearch.analysis import panels

#: Words that pick, from each dataset's caveats, the ones about where its numbers come
#: from (PROVENANCE.md): the 2024 UN re-save, the DGI extracted from PDFs, the GTMI's groups.
PROVENANCE_KEYWORDS: tuple[str, ...] = ("not publisher", "pdf", "not ranks")


#: What a caveat list says when no caveat matches (never an empty cell output).
NO_CAVEATS = "- None of the datasets' recorded caveats bears on this."


def bullets(pairs: Iterable[tuple[str, str]], *, bold: bool = True) -> str:
    """``(label, caveat)`` pairs as a Markdown list: "- **EGDI**: ..." (or "- EGDI: ...");
    :data:`NO_CAVEATS` when there are none."""
    mark = "**" if bold else ""
    lines = [f"- {mark}{label}{mark}: {caveat}" for label, caveat in pairs]
    return "\n".join(lines) if lines else NO_CAVEATS


def caveat_pairs(caveats: pd.DataFrame) -> list[tuple[str, str]]:
    """``panels.edition_caveats`` rows as ``(index_name, caveat)`` pairs."""
    return [(str(r.index_name), str(r.caveat)) for r in caveats.itertuples(index=False)]


def provenance_caveats(panel: pd.DataFrame, indices: Sequence[str] | None = None) -> pd.DataFrame:
    """The provenance caveats of the panel's indices (or only ``indices``, by label)."""
    caveats = panels.edition_caveats(panel, PROVENANCE_KEYWORDS)
    if indices is not None:
        caveats = caveats[caveats["index_name"].isin(list(indices))]
    return caveats.reset_index(drop=True)


def provenance_markdown(panel: pd.DataFrame, indices: Sequence[str] | None = None) -> str:
    """:func:`provenance_caveats` as a Markdown list, for chapters 2, 3 and 5."""
    return bullets(caveat_pairs(provenance_caveats(panel, indices)))
