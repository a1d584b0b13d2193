"""Replies cached on disk (diskcache), keyed on everything that shapes the request.

The key is a versioned hash of canonical JSON: article text, prompt version and text, reply
schema, model, endpoint, mode and every sampling parameter. Never the API key."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import diskcache

_KEY_VERSION = "extractor-cache-v1"


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def cache_key(parts: dict[str, Any]) -> str:
    return _KEY_VERSION + ":" + hashlib.sha256(canonical_json(parts).encode()).hexdigest()


class ReplyCache:
    """A folder of cached model replies; safe to share between threads and processes."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory) / "replies"
        self._cache = diskcache.Cache(str(self.directory), size_limit=2**32)

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._cache.get(key)
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        self._cache.set(key, value)

    def stats(self) -> dict[str, Any]:
        return {
            "directory": str(self.directory),
            "entries": len(self._cache),
            "bytes": self._cache.volume(),
        }

    def clear(self) -> int:
        return self._cache.clear()

    def close(self) -> None:
        self._cache.close()
