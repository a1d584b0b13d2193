"""One root exception. Library code raises these; only the CLI turns them into messages."""

from __future__ import annotations


class ExtractorError(Exception):
    """Root of every error this package raises on purpose."""


class ConfigError(ExtractorError):
    """The configuration cannot work: a missing extra, a bad option, an unknown mode."""


class ExtractionError(ExtractorError):
    """One article could not be extracted. Names the article and the cause."""

    def __init__(self, article: str, cause: str, *, attempts: int = 0) -> None:
        self.article = article
        self.cause = cause
        self.attempts = attempts
        super().__init__(f"{article}: {cause}")


class InputError(ExtractionError):
    """The article itself is unusable (empty, binary, not text)."""


class EndpointError(ExtractionError):
    """The endpoint failed (refused, timed out, 429/5xx) after every transport retry."""


class ReplyError(ExtractionError):
    """The model never gave a reply that validates, or its reply was cut off."""


class Cancelled(ExtractorError):
    """The run was stopped (`Extractor.cancel()`, Ctrl-C, SIGTERM) before every article was
    done. `results` holds the articles that finished, in input order."""

    def __init__(self, results: list[object] | None = None) -> None:
        self.results = results or []
        super().__init__(f"stopped; {len(self.results)} article(s) finished")
