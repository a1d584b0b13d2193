"""Where a corpus run writes its results, so that no finished article is ever lost.

- JSON Lines: one whole line per article, appended and fsynced. On reopening, a torn last line
  (a kill mid-write) and earlier error lines are dropped by an atomic rewrite, so a rerun retries
  the failures and every article ends as exactly one line.
- A folder: DIR/<article>.json per result, DIR/<article>.error.json per failure, each written
  to a temporary name and renamed.
- A folder of shards (a run on a cluster, written a batch at a time): see `ShardStore`.
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


class ShardStore:
    """A folder of JSON Lines shards, one per batch of results:

    - part-NNNNNN.jsonl: finished articles, one line each. A shard is written whole under a
      temporary name and renamed, so it is there complete or not at all.
    - failures.jsonl: the articles that failed and have not succeeded since (rewritten whole).
    - manifest.json: the shards with their articles, and the failed articles. Rebuilt from the
      shards when the folder is opened: the shards are the truth, the manifest their index.

    Every article is in exactly one place: a shard if it finished, failures.jsonl if not."""

    MANIFEST = "manifest.json"
    FAILURES = "failures.jsonl"

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._lock = threading.Lock()
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob(".*.tmp"):  # a write cut short
            stale.unlink(missing_ok=True)
        self._shards: dict[str, list[str]] = {}
        for shard in sorted(directory.glob("part-*.jsonl")):
            lines = shard.read_text(encoding="utf-8").splitlines()
            self._shards[shard.name] = [json.loads(line)["article"] for line in lines if line]
        self._done = {a for ids in self._shards.values() for a in ids}
        self._failures: dict[str, str] = {}
        failures = directory / self.FAILURES
        if failures.exists():
            for line in failures.read_text(encoding="utf-8").splitlines():
                try:
                    article = json.loads(line)["article"]
                except (json.JSONDecodeError, KeyError, TypeError):
                    continue
                if article not in self._done:
                    self._failures[article] = line
        self._save_index()

    def done(self) -> set[str]:
        return set(self._done)

    def failed(self) -> set[str]:
        return set(self._failures)

    def write(self, outcome: Outcome) -> None:
        self.write_many([outcome])

    def write_many(self, outcomes: list[Outcome]) -> None:
        with self._lock:
            # each article once: its first result, else its last failure
            finished: dict[str, Outcome] = {}
            failed: dict[str, Outcome] = {}
            for o in outcomes:
                if o.article not in self._done:
                    if isinstance(o, ExtractionResult):
                        finished.setdefault(o.article, o)
                    else:
                        failed[o.article] = o
            if finished:
                number = 1 + max((int(n[5:-6]) for n in self._shards), default=-1)
                name = f"part-{number:06d}.jsonl"
                _atomic_write(self.directory / name, "".join(
                    json.dumps(to_json(o), ensure_ascii=False) + "\n" for o in finished.values()))  # fmt: skip
                self._shards[name] = list(finished)
                self._done.update(finished)
            for article, o in failed.items():
                if article not in self._done:
                    self._failures[article] = json.dumps(to_json(o), ensure_ascii=False)
            dropped = [a for a in self._failures if a in self._done]
            for a in dropped:
                del self._failures[a]
            if failed or dropped:
                _atomic_write(self.directory / self.FAILURES,
                              "".join(line + "\n" for line in self._failures.values()))  # fmt: skip
            self._save_index()

    def _save_index(self) -> None:
        manifest = {
            "articles": len(self._done) + len(self._failures),
            "done": len(self._done),
            "failed": sorted(self._failures),
            "failures": self.FAILURES,
            "shards": [{"file": name, "articles": ids} for name, ids in self._shards.items()],
        }
        _atomic_write(self.directory / self.MANIFEST, json.dumps(manifest, indent=1) + "\n")

    @classmethod
    def holds(cls, directory: Path) -> bool:
        return (directory / cls.MANIFEST).is_file()


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

    def lines(file: Path) -> list[Outcome]:
        text = file.read_text(encoding="utf-8").splitlines()
        return [parse(line, f"{file}:{n}") for n, line in enumerate(text, 1) if line.strip()]

    if path.is_dir() and ShardStore.holds(path):
        files = [*sorted(path.glob("part-*.jsonl")), path / ShardStore.FAILURES]
        return [o for file in files if file.exists() for o in lines(file)]
    if path.is_dir():
        return [parse(p.read_text(encoding="utf-8"), str(p)) for p in sorted(path.glob("*.json"))]
    if not path.is_file():
        raise ConfigError(f"{path}: no such results file or folder")
    return lines(path)
