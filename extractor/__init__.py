"""Typed incident records from news articles about violent incidents."""

from extractor.config import Config
from extractor.errors import (
    ConfigError,
    EndpointError,
    ExtractionError,
    ExtractorError,
    InputError,
    ReplyError,
)
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

__all__ = [
    "Article",
    "Config",
    "ConfigError",
    "Count",
    "EndpointError",
    "EventType",
    "ExtractionError",
    "ExtractionFailure",
    "ExtractionResult",
    "Extractor",
    "ExtractorError",
    "Incident",
    "InputError",
    "Location",
    "Meta",
    "ReplyError",
    "Usage",
    "aextract_many",
    "extract",
    "extract_many",
]
