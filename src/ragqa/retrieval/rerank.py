"""Rerankers implementing :class:`ragqa.interfaces.Reranker`. Only the identity ships today; a
cross-encoder or an abstention-aware reranker is one more class here plus a line in :mod:`ragqa.wiring`."""

from __future__ import annotations

from collections.abc import Sequence

from ragqa.retrieval.ranking import Ranking


class IdentityReranker:
    """Keeps the fused ranking as it is (the default)."""

    name = "none"

    def rerank(self, ranking: Ranking, texts: Sequence[str]) -> Ranking:
        return ranking
