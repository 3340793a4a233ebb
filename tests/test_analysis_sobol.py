"""Sobol' indices from a Saltelli design, against cases whose answer is known analytically."""

from __future__ import annotations

import numpy as np
import pytest

from smartresearch.analysis import sobol
from smartresearch.errors import ValidationError


def run(model, groups: dict[str, int], n: int, seed: int = 0, **kwargs) -> sobol.SobolIndices:
    design = sobol.saltelli_design(groups, n, np.random.default_rng(seed))
    y_ab = np.stack([model(m) for m in design.ab])
    return sobol.sobol_indices(model(design.a), model(design.b), y_ab, design.names, **kwargs)


def ishigami(u: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    x = -np.pi + 2 * np.pi * u
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_exact(a: float = 7.0, b: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Analytic first- and total-order indices of the Ishigami function (Ishigami and Homma
    1990; Sobol' and Levitan 1999)."""
    v1 = 0.5 * (1 + b * np.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * np.pi**8 * (1 / 18 - 1 / 50)
    total = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / total, np.array([v1 + v13, v2, v13]) / total


def test_ishigami_first_and_total_order_match_the_analytic_values() -> None:
    first, total = ishigami_exact()
    got = run(ishigami, {"x1": 1, "x2": 1, "x3": 1}, 2**14, bootstrap=100)
    assert got.first == pytest.approx(first, abs=0.03)
    assert got.total == pytest.approx(total, abs=0.03)
    # the bootstrap intervals hold the exact values
    assert (got.first_low - 0.01 <= first).all() and (first <= got.first_high + 0.01).all()
    assert (got.total_low - 0.01 <= total).all() and (total <= got.total_high + 0.01).all()
    # x3 acts only through its interaction with x1: no first-order effect, a total one
    assert got.first[2] == pytest.approx(0.0, abs=0.03) and got.total[2] > 0.2


def test_linear_additive_model_splits_variance_by_squared_coefficients() -> None:
    coef = np.array([1.0, 2.0, 3.0])  # uniform inputs: each variance ∝ coef²

    def model(u: np.ndarray) -> np.ndarray:
        return u @ coef

    got = run(model, {"a": 1, "b": 1, "c": 1}, 2**14, bootstrap=100)
    exact = coef**2 / (coef**2).sum()
    assert got.first == pytest.approx(exact, abs=0.03)
    assert got.total == pytest.approx(exact, abs=0.03)
    assert (got.first_low <= exact).all() and (exact <= got.first_high).all()
    assert got.interaction == pytest.approx(0.0, abs=0.03)


def test_pure_interaction_has_no_first_order_effect_and_full_total_effect() -> None:
    def model(u: np.ndarray) -> np.ndarray:
        return (2 * u[:, 0] - 1) * (2 * u[:, 1] - 1)

    got = run(model, {"a": 1, "b": 1}, 2**14, bootstrap=0)
    assert got.first == pytest.approx([0.0, 0.0], abs=0.03)
    assert got.total == pytest.approx([1.0, 1.0], abs=0.05)
    assert got.interaction == pytest.approx(1.0, abs=0.05)


def test_a_group_of_columns_is_one_input_and_an_idle_input_scores_zero() -> None:
    def model(u: np.ndarray) -> np.ndarray:  # columns 0-1 are the group "w"; column 2 idle
        return u[:, 0] - u[:, 1]

    got = run(model, {"w": 2, "idle": 1}, 4000, bootstrap=0)
    assert got.names == ("w", "idle")
    assert got.first[0] == pytest.approx(1.0, abs=0.03)
    assert got.total[0] == pytest.approx(1.0, abs=0.03)
    assert got.first[1] == 0.0 and got.total[1] == 0.0


def test_vector_output_weighs_each_output_by_its_variance() -> None:
    # output 1 depends on a only (variance 1/12), output 2 on b only with variance 9/12
    def model(u: np.ndarray) -> np.ndarray:
        return np.column_stack([u[:, 0], 3 * u[:, 1]])

    got = run(model, {"a": 1, "b": 1}, 8000, bootstrap=0)
    assert got.first == pytest.approx([0.1, 0.9], abs=0.02)


def test_constant_output_has_zero_indices_not_nan() -> None:
    got = run(lambda u: np.ones(len(u)), {"a": 1, "b": 1}, 50, bootstrap=20)
    assert (got.first == 0).all() and (got.total == 0).all() and got.variance == 0


def test_seeded_design_and_bootstrap_are_reproducible() -> None:
    one = run(ishigami, {"x1": 1, "x2": 1, "x3": 1}, 500, seed=3, bootstrap=50)
    two = run(ishigami, {"x1": 1, "x2": 1, "x3": 1}, 500, seed=3, bootstrap=50)
    assert np.array_equal(one.first, two.first) and np.array_equal(one.first_low, two.first_low)


def test_bad_designs_are_named() -> None:
    rng = np.random.default_rng(0)
    with pytest.raises(ValidationError, match="n must be"):
        sobol.saltelli_design({"a": 1}, 1, rng)
    with pytest.raises(ValidationError, match="no inputs"):
        sobol.saltelli_design({}, 10, rng)
    with pytest.raises(ValidationError, match="shapes"):
        sobol.sobol_indices(np.zeros(4), np.zeros(4), np.zeros((2, 3)), ["a", "b"])
