"""Code addresses as ``symbol+offset``: fault reports, disassembly and profiles share it."""

from __future__ import annotations

import bisect
from typing import Iterable


class CodeSymbols:
    """Names instruction indices after the nearest symbol at or before them."""

    def __init__(self, symbols: Iterable[tuple[int, str]]):
        best: dict[int, str] = {}
        for index, name in sorted(symbols):
            best.setdefault(index, name)  # one name per index: the first in sort order
        self._indices = sorted(best)
        self._names = [best[i] for i in self._indices]

    def name(self, index: int) -> str | None:
        """``name`` at the symbol itself, ``name+N`` N instructions after it, or None."""
        i = bisect.bisect_right(self._indices, index) - 1
        if i < 0:
            return None
        start, name = self._indices[i], self._names[i]
        return name if start == index else f"{name}+{index - start}"
