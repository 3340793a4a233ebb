"""The Smarter State articles: cleaned texts, themes, quoted figures, pledges and approaches.

Texts are read from the mirror through the registry (checksums verified) and never stored
in the repository; everything hand-compiled about them lives in ``data/curated/`` with a
citation on every row and is validated on load.

>>> import smartresearch.corpus as corpus
>>> docs = corpus.load()                          # one row per article, cleaned text
>>> themes = corpus.themes_by_document()          # doc_id, event_year, theme, ..., rate_per_1000
>>> figures = corpus.extract_figures(docs.text[0])  # value, unit, kind, sentence, position
>>> checks = corpus.claim_checks()                # confirmed, misreported, not found, ...
>>> verdicts = corpus.pledge_verdicts()           # met, missed, on/off track, ...
"""

from smartresearch.corpus.claim_checks import (
    CLAIM_VERDICTS,
    EVIDENCE_SCHEMA,
    JUDGEMENTS_SCHEMA,
    claim_checks,
    load_claim_evidence,
    load_claim_judgements,
)
from smartresearch.corpus.cleaning import CleanedText, RemovedBlock, clean_text
from smartresearch.corpus.curated import (
    APPROACHES_SCHEMA,
    CLAIMS_SCHEMA,
    load_approaches,
    load_claims,
)
from smartresearch.corpus.documents import (
    count_words,
    load,
    load_documents,
    load_metadata,
    removal_report,
)
from smartresearch.corpus.figure_coverage import (
    FIGURE_COVERAGE_SCHEMA,
    INCONSISTENCIES_SCHEMA,
    load_figure_coverage,
)
from smartresearch.corpus.figure_evaluation import (
    GOLD_SCHEMA,
    load_figure_gold,
    match_figures,
    score_extraction,
    score_extraction_by_kind,
)
from smartresearch.corpus.figure_holdout import (
    HOLDOUT_SCHEMA,
    load_figure_gold_holdout,
    score_holdout_by_kind,
)
from smartresearch.corpus.figures import extract_figures
from smartresearch.corpus.pledge_rules import as_of_date, pledge_verdicts
from smartresearch.corpus.pledges import (
    OBSERVATIONS_SCHEMA,
    PLEDGES_SCHEMA,
    load_pledge_observations,
    load_pledges,
)
from smartresearch.corpus.record_coverage import RECORD_TARGETS_SCHEMA, RECORD_UNUSED_SCHEMA
from smartresearch.corpus.schema import TableSchema, curated_dir
from smartresearch.corpus.themes import (
    LEXICON_SCHEMA,
    load_lexicon,
    score_themes,
    theme_matches,
    themes_by_document,
)

#: Every table under data/curated/, by file name, with its documented columns: one place
#: for loaders, tests and the data-package descriptor to learn what a curated file holds.
CURATED_SCHEMAS: dict[str, TableSchema] = {
    schema.filename: schema
    for schema in (
        APPROACHES_SCHEMA,
        CLAIMS_SCHEMA,
        EVIDENCE_SCHEMA,
        JUDGEMENTS_SCHEMA,
        GOLD_SCHEMA,
        HOLDOUT_SCHEMA,
        OBSERVATIONS_SCHEMA,
        PLEDGES_SCHEMA,
        LEXICON_SCHEMA,
        FIGURE_COVERAGE_SCHEMA,
        INCONSISTENCIES_SCHEMA,
        RECORD_TARGETS_SCHEMA,
        RECORD_UNUSED_SCHEMA,
    )
}

__all__ = [
    "CLAIM_VERDICTS",
    "CURATED_SCHEMAS",
    "claim_checks",
    "load_claim_evidence",
    "load_claim_judgements",
    "CleanedText",
    "RemovedBlock",
    "clean_text",
    "count_words",
    "curated_dir",
    "extract_figures",
    "load",
    "load_metadata",
    "load_approaches",
    "load_claims",
    "load_documents",
    "load_figure_gold",
    "load_figure_coverage",
    "load_figure_gold_holdout",
    "load_lexicon",
    "load_pledge_observations",
    "load_pledges",
    "match_figures",
    "pledge_verdicts",
    "as_of_date",
    "removal_report",
    "score_extraction",
    "score_extraction_by_kind",
    "score_holdout_by_kind",
    "score_themes",
    "theme_matches",
    "themes_by_document",
]
