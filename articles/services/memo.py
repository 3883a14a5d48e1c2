"""What one load has already looked up (outlets by name, bylines' people, candidates...).

A load reads the same few outlets, authors and candidate names for thousands of files;
``RunMemo`` keeps each answer for the rest of the run. Every file is written in its own
savepoint, so what a file adds is held apart (``put``) until its savepoint is released
(``keep``) and forgotten if it is rolled back (``drop``): a row that was never committed
is never remembered.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any


class RunMemo:
    def __init__(self) -> None:
        self._kept: dict[Hashable, Any] = {}
        self._pending: dict[Hashable, Any] = {}
        # The (rows before, rows after) of articles whose people's and countries' totals
        # are still to move (``counts.entity_totals_move``), kept and pending alike.
        self.moves: list = []
        self._moves_kept = 0

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key in self._pending:
            return self._pending[key]
        return self._kept.get(key, default)

    def put(self, key: Hashable, value: Any) -> None:
        self._pending[key] = value

    def keep(self) -> None:
        """The current file's savepoint was released: remember what it added."""
        self._kept.update(self._pending)
        self._pending.clear()
        self._moves_kept = len(self.moves)

    def drop(self) -> None:
        """The current file was rolled back: forget what it added."""
        self._pending.clear()
        del self.moves[self._moves_kept :]

    def moves_take(self) -> list:
        """The kept totals' moves, to write before the transaction commits; then none."""
        taken, self.moves = self.moves[: self._moves_kept], self.moves[self._moves_kept :]
        self._moves_kept = 0
        return taken

    def forget(self, predicate) -> None:
        """Forget every entry ``predicate(key, value)`` is true of (a row was deleted)."""
        for store in (self._kept, self._pending):
            for key in [k for k, v in store.items() if predicate(k, v)]:
                del store[key]
