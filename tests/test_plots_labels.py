"""The 1-D label spreader behind every directly labelled line."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from smartresearch.plots._labels import spread

positions = st.lists(
    st.floats(min_value=0, max_value=100, allow_nan=False), min_size=1, max_size=25
)


@settings(max_examples=200, deadline=None)
@given(targets=positions, gap=st.floats(min_value=0.1, max_value=10))
def test_spread_keeps_order_and_the_minimum_gap(targets, gap):
    placed = spread(targets, gap, -1e6, 1e6)
    order = np.argsort(np.asarray(targets), kind="stable")
    ordered = placed[order]
    assert np.all(np.diff(ordered) >= gap - 1e-6)


@settings(max_examples=200, deadline=None)
@given(targets=positions)
def test_spread_stays_inside_the_limits_when_there_is_room(targets):
    gap = 1.0
    lower, upper = 0.0, max(100.0, gap * len(targets))
    placed = spread(targets, gap, lower, upper)
    assert placed.min() >= lower - 1e-6 and placed.max() <= upper + 1e-6


def test_spread_leaves_separated_labels_where_they_are():
    assert list(spread([1.0, 5.0, 9.0], 1.0, 0, 10)) == [1.0, 5.0, 9.0]


def test_spread_centres_a_colliding_pair_on_its_targets():
    assert list(spread([5.0, 5.2], 1.0, 0, 10)) == [4.6, 5.6]


def test_spread_pushes_a_block_off_the_edge():
    assert list(spread([9.9, 10.0], 1.0, 0, 10)) == [9.0, 10.0]


def test_spread_of_nothing():
    assert spread([], 1.0, 0, 1).size == 0
