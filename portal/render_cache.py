"""Rendered HTML kept by key, least recently used out first: pages whose record is unchanged are
not rebuilt on every request (the key always holds the record's version, so nothing goes stale)."""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Rendered = TypeVar("Rendered")


class RenderCache(Generic[Rendered]):
    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Rendered] = OrderedDict()
        self._lock = threading.Lock()  # a2wsgi serves requests from a thread pool

    def get_or_render(self, key: Hashable, render: Callable[[], Rendered]) -> Rendered:
        with self._lock:
            html = self._entries.get(key)
            if html is not None:
                self._entries.move_to_end(key)
                return html
        html = render()
        with self._lock:
            self._entries[key] = html
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return html
