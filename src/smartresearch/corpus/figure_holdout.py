"""A held-out score for :func:`extract_figures`: text its rules were never tuned on.

The sample (fixed on 2 December 2026, before any paraphrase was read): every row of the
mirror's ``research/policy_outcomes.csv`` whose numeric id is 1 modulo 4 (O01, O05, O09,
..., O97: 25 of the 97 rows), and in each its ``paraphrase`` field.
"""
