"""Typed incident records from news articles about violent incidents.

The public names below are imported on first use, so that the command line starts fast."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractor.config import Config
    from extractor.errors import (
        Cancelled,
        ConfigError,
        EndpointError,
        ExtractionError,
        ExtractorError,
        InputError,
        ReplyError,
    )
    from extractor.events import Event, Report, resolve_events
    from extractor.runner import (
        Article,
        ExtractionFailure,
        Extractor,
        aextract_many,
        extract,
        extract_many,
    )
    from extractor.schema import (
        Count,
        EventType,
        ExtractionResult,
        Incident,
        Location,
        Meta,
        Usage,
    )

_HOME = {
    "Config": "config",
    **dict.fromkeys(
        ["Cancelled", "ConfigError", "EndpointError", "ExtractionError", "ExtractorError",
         "InputError", "ReplyError"], "errors"),
    **dict.fromkeys(
        ["Article", "ExtractionFailure", "Extractor", "aextract_many", "extract", "extract_many"],
        "runner"),
    **dict.fromkeys(["Event", "Report", "resolve_events"], "events"),
    **dict.fromkeys(
        ["Count", "EventType", "ExtractionResult", "Incident", "Location", "Meta", "Usage"],
        "schema"),
}  # fmt: skip

__all__ = sorted(_HOME)


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"extractor.{_HOME[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
