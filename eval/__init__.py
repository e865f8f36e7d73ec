"""Evaluation: gold sets, retrieval and answer metrics, baselines, and the `python -m eval` report."""
