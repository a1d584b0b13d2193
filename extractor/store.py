"""Where a corpus run writes its results, so that no finished article is ever lost.

- JSON Lines: one whole line per article, appended and fsynced. On reopening, a torn last line
  (a kill mid-write) and earlier error lines are dropped by an atomic rewrite, so a rerun retries
  the failures and every article ends as exactly one line.
- A folder: DIR/<article>.json per result, DIR/<article>.error.json per failure, each written
  to a temporary name and renamed.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Protocol

from extractor.errors import ConfigError
from extractor.runner import ExtractionFailure
from extractor.schema import ExtractionResult

Outcome = ExtractionResult | ExtractionFailure


def to_json(outcome: Outcome) -> dict[str, object]:
    return outcome.model_dump(mode="json")


class Store(Protocol):
    def done(self) -> set[str]: ...
    def write(self, outcome: Outcome) -> None: ...


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class JsonlStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._done: set[str] = set()
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            kept: list[str] = []
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # torn by a kill mid-write
                if isinstance(record, dict) and "incidents" in record and "article" in record:
                    kept.append(line)
                    self._done.add(record["article"])
            _atomic_write(path, "".join(line + "\n" for line in kept))

    def done(self) -> set[str]:
        return set(self._done)

    def write(self, outcome: Outcome) -> None:
        line = json.dumps(to_json(outcome), ensure_ascii=False) + "\n"
        with self._lock, open(self.path, "a", encoding="utf-8") as f:
            f.write(line)
            f.flush()
            os.fsync(f.fileno())
            if isinstance(outcome, ExtractionResult):
                self._done.add(outcome.article)


class DirStore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def done(self) -> set[str]:
        return {
            p.name.removesuffix(".json")
            for p in self.directory.glob("*.json")
            if not p.name.endswith(".error.json")
        }

    def write(self, outcome: Outcome) -> None:
        text = json.dumps(to_json(outcome), ensure_ascii=False, indent=2) + "\n"
        if isinstance(outcome, ExtractionResult):
            _atomic_write(self.directory / f"{outcome.article}.json", text)
            (self.directory / f"{outcome.article}.error.json").unlink(missing_ok=True)
        else:
            _atomic_write(self.directory / f"{outcome.article}.error.json", text)


def open_store(out: Path) -> Store:
    return JsonlStore(out) if out.suffix == ".jsonl" else DirStore(out)


def read_results(path: Path) -> list[Outcome]:
    """The outcomes a corpus run wrote: a results JSONL, or a folder of `<article>.json` (and
    `.error.json`) files. A line or file that is no outcome raises InputError naming it."""
    def parse(text: str, where: str) -> Outcome:
        try:
            record = json.loads(text)
            if isinstance(record, dict) and "incidents" in record:
                return ExtractionResult.model_validate(record)
            return ExtractionFailure.model_validate(record)
        except ValueError as e:
            raise ConfigError(f"{where}: not a result record: {str(e).splitlines()[0]}") from None

    if path.is_dir():
        return [parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(path.glob("*.json"))]
    if not path.is_file():
        raise ConfigError(f"{path}: no such results file or folder")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse(line, f"{path}:{n}") for n, line in enumerate(lines, 1) if line.strip()]
