"""Evaluation helpers: gold data, matching of evidence and answers, metrics."""
