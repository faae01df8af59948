"""Hybrid retrieval (dense chunks + dense sentences + BM25, fused) and follow-up query rewriting."""
