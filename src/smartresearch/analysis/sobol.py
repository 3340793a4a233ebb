"""Variance-based sensitivity indices (Sobol'), estimated the way SALib and COINr do.

Which modelling choice drives the spread of a composite's ranks? A first-order index
``S_i`` is the share of the output variance that choice ``i`` explains on its own,
Var(E[Y | X_i]) / Var(Y); a total-order index ``ST_i`` is the share it takes part in,
alone or through interactions, E[Var(Y | X_~i)] / Var(Y). ``ST_i >= S_i``; the first-order
shares add up to at most 1 and what they leave is interaction; a choice with ``ST_i = 0``
cannot move the output at all.

Design (Saltelli 2002; Saltelli et al. 2010, *Computer Physics Communications* 181): two
independent sample matrices ``A`` and ``B`` of the inputs (``n`` rows each) and, for each
input (or *group* of inputs, such as a weight vector drawn as one choice), ``AB_i``: ``A``
with the columns of input ``i`` taken from ``B``. The model runs ``n (k + 2)`` times.
Estimators (as ``SALib.analyze.sobol`` computes them):

* first order (Saltelli et al. 2010, table 2 (b)): ``mean(f(B) (f(AB_i) - f(A))) / V``
* total order (Jansen 1999): ``mean((f(A) - f(AB_i))**2) / 2 / V``

with ``V`` the variance of ``f(A)`` and ``f(B)`` pooled. For a vector output (one rank per
country) every estimate's numerator and ``V`` are summed over the outputs before dividing:
the index is the choice's share of the *summed* rank variance, so a country whose rank
never moves weighs nothing and one that swings widely weighs most. Confidence intervals
come from resampling the rows (bootstrap), seeded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from smartresearch.errors import ValidationError


@dataclass(frozen=True)
class SaltelliDesign:
    """The sample matrices of one Saltelli design, inputs in ``[0, 1)``.

    ``a`` and ``b``: ``n × d`` (``d`` input columns); ``ab``: ``k × n × d``, one matrix per
    group (``groups``: name → its column indices, in order)."""

    a: np.ndarray
    b: np.ndarray
    ab: np.ndarray
    groups: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.groups)

    def stacked(self) -> np.ndarray:
        """Every run's inputs, ``n (k + 2) × d``: A, B, then each ``AB_i`` in group order."""
        return np.concatenate([self.a, self.b, *self.ab], axis=0)


def saltelli_design(groups: Mapping[str, int], n: int, rng: np.random.Generator) -> SaltelliDesign:
    """Draw ``A`` and ``B`` (uniform on ``[0, 1)``, ``n`` rows) and build each ``AB_i``;
    ``groups``: input name → how many columns it takes (a weight vector is one group)."""
    if not groups:
        raise ValidationError("saltelli_design: no inputs given")
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 2:
        raise ValidationError(f"saltelli_design: n must be an integer >= 2, got {n!r}")
    bad = {k: v for k, v in groups.items() if not isinstance(v, int | np.integer) or v < 1}
    if bad:
        raise ValidationError(f"saltelli_design: every input needs >= 1 column; got {bad}")
    spans, start = [], 0
    for name, width in groups.items():
        spans.append((name, tuple(range(start, start + int(width)))))
        start += int(width)
    both = rng.random((n, 2 * start))
    a, b = both[:, :start], both[:, start:]
    ab = np.repeat(a[None, :, :], len(spans), axis=0)
    for i, (_name, cols) in enumerate(spans):
        ab[i][:, list(cols)] = b[:, list(cols)]
    return SaltelliDesign(a=a, b=b, ab=ab, groups=tuple(spans))


@dataclass(frozen=True)
class SobolIndices:
    """First- and total-order indices per input, with bootstrap confidence intervals.

    ``first``, ``total``, ``first_low``, ``first_high``, ``total_low``, ``total_high``:
    one value per input in ``names`` order; ``variance``: the (summed) output variance."""

    names: tuple[str, ...]
    first: np.ndarray
    total: np.ndarray
    first_low: np.ndarray
    first_high: np.ndarray
    total_low: np.ndarray
    total_high: np.ndarray
    variance: float

    @property
    def interaction(self) -> float:
        """The variance share no input explains alone: ``1 - sum(first)``, floored at 0."""
        return max(0.0, 1.0 - float(self.first.sum())) if self.variance > 0 else 0.0


def _as_2d(values: np.ndarray) -> np.ndarray:
    return values[:, None] if values.ndim == 1 else values


def _row_terms(
    y_a: np.ndarray, y_b: np.ndarray, y_ab: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per-row pieces of the estimators, summed over outputs, so that any reweighting of
    the rows (the estimate itself, or a bootstrap resample) is one matrix product:
    ``g`` (k × n) first-order terms, ``h`` (k × n) total-order terms, ``q`` (n) the sum of
    squares of A and B, ``s`` (n × m) the sum of A and B per output. Each output is first
    centred on its pooled mean (as SALib standardises its outputs): the estimators' expected
    values do not change, but the first-order estimator's error grows with the output's
    mean, and a rank's mean can be 150."""
    centre = (y_a.mean(axis=0) + y_b.mean(axis=0)) / 2
    y_a, y_b, y_ab = y_a - centre, y_b - centre, y_ab - centre
    g = (y_b[None] * (y_ab - y_a[None])).sum(axis=-1)
    h = 0.5 * ((y_a[None] - y_ab) ** 2).sum(axis=-1)
    q = (y_a**2 + y_b**2).sum(axis=-1)
    return g, h, q, y_a + y_b


def _weighted(
    counts: np.ndarray, g: np.ndarray, h: np.ndarray, q: np.ndarray, s: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """First, total and pooled variance for each row weighting in ``counts`` (r × n, each
    row summing to n): the estimators of the module docstring with rows counted so."""
    n = counts.shape[1]
    means = counts @ s / (2 * n)
    variance = counts @ q / (2 * n) - (means**2).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        safe = np.where(variance > 0, variance, np.nan)
        first = (counts @ g.T / n) / safe[:, None]
        total = (counts @ h.T / n) / safe[:, None]
    return np.nan_to_num(first), np.nan_to_num(total), variance


def sobol_indices(
    y_a: np.ndarray,
    y_b: np.ndarray,
    y_ab: np.ndarray,
    names: Sequence[str],
    *,
    bootstrap: int = 200,
    confidence: float = 0.95,
    seed: int = 0,
) -> SobolIndices:
    """Sobol' indices from the outputs of a Saltelli design.

    ``y_a``, ``y_b``: ``n`` or ``n × m`` (``m`` outputs, e.g. one rank per country);
    ``y_ab``: ``k × n`` or ``k × n × m``, one block per input in ``names`` order. Outputs
    that are NaN in any run are left out. ``bootstrap`` row resamples (seeded) give the
    ``confidence`` intervals; 0 skips them (the bounds then equal the estimates).
    """
    y_a, y_b = _as_2d(np.asarray(y_a, dtype="float64")), _as_2d(np.asarray(y_b, dtype="float64"))
    y_ab = np.asarray(y_ab, dtype="float64")
    if y_ab.ndim == 2:
        y_ab = y_ab[:, :, None]
    k, n = len(names), y_a.shape[0]
    if y_b.shape != y_a.shape or y_ab.shape != (k, *y_a.shape):
        raise ValidationError(
            f"sobol_indices: shapes do not fit a Saltelli design of {k} inputs: "
            f"A {y_a.shape}, B {y_b.shape}, AB {y_ab.shape}"
        )
    if n < 2:
        raise ValidationError(f"sobol_indices: needs at least 2 rows per matrix, got {n}")
    if not 0 < confidence < 1:
        raise ValidationError(f"sobol_indices: confidence must lie in (0, 1), got {confidence!r}")
    gaps = np.isnan(y_a).any(axis=0) | np.isnan(y_b).any(axis=0)
    keep = ~(gaps | np.isnan(y_ab).any(axis=(0, 1)))
    y_a, y_b, y_ab = y_a[:, keep], y_b[:, keep], y_ab[:, :, keep]
    terms = _row_terms(y_a, y_b, y_ab)
    first, total, variances = _weighted(np.ones((1, n)), *terms)
    first, total, variance = first[0], total[0], max(float(variances[0]), 0.0)
    if variance <= 1e-12 * max(1.0, float(terms[2].mean())):
        first, total, variance = np.zeros(k), np.zeros(k), 0.0
    if bootstrap and variance > 0:
        rng = np.random.default_rng(seed)
        # how often each row is drawn in a resample with replacement: multinomial counts
        counts = rng.multinomial(n, np.full(n, 1.0 / n), size=int(bootstrap)).astype("float64")
        f_boot, t_boot, _ = _weighted(counts, *terms)
        tail = 100 * (1 - confidence) / 2
        f_low, f_high = np.percentile(f_boot, [tail, 100 - tail], axis=0)
        t_low, t_high = np.percentile(t_boot, [tail, 100 - tail], axis=0)
    else:
        f_low, f_high, t_low, t_high = first, first, total, total
    return SobolIndices(
        names=tuple(names),
        first=first,
        total=total,
        first_low=np.asarray(f_low),
        first_high=np.asarray(f_high),
        total_low=np.asarray(t_low),
        total_high=np.asarray(t_high),
        variance=variance,
    )
