"""Whether a notebook's executed copy is current: the fingerprint of its inputs, and its record.

An executed copy records, in its metadata, a fingerprint of everything its results
depend on (the notebook, its parameters, the package source, the project's data, the
mirror's corpus and research files, the Python version); when the fingerprint still
matches, the notebook is not run again. Without ``SMARTRESEARCH_MIRROR`` the mirror's part
is the one the copy recorded (see :class:`~smartresearch.reporting.fingerprint.SharedInputs`).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from smartresearch.config import MIRROR_ENV, data_dir
from smartresearch.reporting.fingerprint import SharedInputs, files_under, fingerprint
from smartresearch.reporting.layout import ReportLayout
from smartresearch.reporting.notebook_runner import KERNEL
from smartresearch.reporting.parameters import parameters_cell_index

#: Key of this package's record in an executed notebook's metadata.
METADATA_KEY = "smartresearch"
#: Mirror folders whose files notebooks may read directly (the corpus and research facts);
#: the raw index files reach notebooks only through the clean tables in ``data/``.
MIRROR_INPUTS = ("corpus", "research")


def shared_inputs_fingerprint(layout: ReportLayout) -> SharedInputs:
    """Fingerprint of the inputs every notebook shares (package, data, mirror texts)."""
    package = Path(__file__).resolve().parents[1]
    local = fingerprint(
        files_under(package, data_dir()),
        base=layout.root,
        extra=[f"python {sys.version}", f"kernel {KERNEL}"],
    )
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if not mirror:
        return SharedInputs(local, None)
    root = Path(mirror)
    return SharedInputs(
        local, fingerprint(files_under(*(root / sub for sub in MIRROR_INPUTS)), base=root)
    )


def input_fingerprint(notebook: Path, parameters: Mapping[str, object], shared: str) -> str:
    """What a notebook's executed copy must record to be current: the notebook, its own
    parameters and the shared inputs' key (:meth:`.fingerprint.SharedInputs.key`)."""
    params = json.dumps(dict(parameters), sort_keys=True, default=str)
    return fingerprint([notebook], base=notebook.parent, extra=[shared, f"parameters {params}"])


def recorded_inputs(executed: Path) -> Mapping[str, Any] | None:
    """The record an executed copy keeps of its inputs, or None if there is no usable copy."""
    try:
        with open(executed, encoding="utf-8") as handle:
            record = json.load(handle).get("metadata", {}).get(METADATA_KEY)
    except (OSError, ValueError, AttributeError):
        return None
    return record if isinstance(record, dict) else None


def pending_notebooks(
    layout: ReportLayout,
    paths: Sequence[Path],
    params: Mapping[str, object],
    shared: SharedInputs,
    *,
    force: bool = False,
) -> list[Path]:
    """The notebooks of ``paths`` that would run (their executed copy is missing or stale)."""
    if force:
        return list(paths)
    pending = []
    for path in paths:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pending.append(path)
            continue
        own = params if parameters_cell_index(raw) is not None else {}
        record = recorded_inputs(layout.executed_path(path)) or {}
        shared_key, _ = shared.key(record.get("mirror_sha256"))
        if record.get("inputs_sha256") != input_fingerprint(path, own, shared_key):
            pending.append(path)
    return pending
