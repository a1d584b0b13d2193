"""Corpus runs on a Ray cluster (the optional extra `[ray]`).

A Ray Dataset of articles (columns `id`, `text`) is mapped with Ray Data's `map_batches` over a
pool of actors. Each actor holds one `Extractor`, reused for every batch it gets, with its reply
cache on its own node, and serves one endpoint: the actors are dealt the endpoints in turn, so
the work spreads over all of them. With `embedded_per_node=True` there is one actor per node,
and each starts the embedded model on its node with as many threads as that node has cores.

Result rows have the columns `article`, `ok` (False for a failure record) and `record` (the
ExtractionResult or ExtractionFailure as JSON): a failed article is a failure record, never a
missing row. `extract_to_folder` writes the rows as JSONL shards with a manifest (see
`store.ShardStore`), so that a rerun skips what is done and retries what failed.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from extractor.config import Config, is_openai
from extractor.errors import ConfigError
from extractor.runner import Article, ExtractionFailure, Extractor
from extractor.schema import ExtractionResult
from extractor.store import Outcome, ShardStore, to_json

if TYPE_CHECKING:
    import ray.data

BATCH_SIZE = 64  # articles per batch handed to an actor
ENDPOINTS_ENV = "EXTRACTOR_BASE_URLS"
# An actor mostly waits on its endpoint; a quarter of a core lets several share a small node.
_CLIENT_CPUS = 0.25
_GATHER_SECONDS = 60.0  # how long the pool's first actors wait for the others to start


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise ConfigError(
            "Ray is not installed; install the extra: pip install 'extractor[ray]'"
        ) from None
    return ray


def endpoints_from_env() -> list[str]:
    """EXTRACTOR_BASE_URLS: endpoints separated by commas or spaces."""
    raw = os.environ.get(ENDPOINTS_ENV, "")
    return [u for u in raw.replace(",", " ").split() if u]


def endpoint_configs(config: Config, endpoints: Sequence[str] | None) -> list[Config]:
    """One configuration per endpoint (none named: the config's own, or the embedded model).
    The OpenAI key goes only to OpenAI's endpoints, as with one endpoint; a key given for the
    run (EXTRACTOR_API_KEY, --api-key) goes to every endpoint but the embedded model."""
    urls: list[str | None] = list(endpoints or []) or [config.base_url]
    if len(set(urls)) != len(urls):
        raise ConfigError("the same endpoint is named twice")
    openai_key = os.environ.get("OPENAI_API_KEY")
    given = os.environ.get("EXTRACTOR_API_KEY")
    configs = []
    for url in urls:
        key = config.api_key
        if url is None:
            key = None
        elif not url.startswith(("http://", "https://")):
            raise ConfigError(f"base URL {url!r} must start with http:// or https://")
        elif is_openai(url):
            if key is None and openai_key:
                key = SecretStr(openai_key)
        elif key is not None and key.get_secret_value() == openai_key != given:
            key = None  # the user's OpenAI key, not one given for these endpoints
        configs.append(config.model_copy(update={"base_url": url, "api_key": key}))
    return configs


def preload() -> None:
    """Loads what every article needs (the client libraries, the coder's tables), so that a
    worker is ready before its first article."""
    from extractor import gazetteer, knowledge, llm, postprocess  # noqa: F401

    llm.preload()
    knowledge.load()
    gazetteer.load()


class _Worker:
    """One actor of the pool: one Extractor for one endpoint, reused for every batch, and one
    pool of `concurrency` threads shared by the batches it is given at once, so that the next
    batch fills the threads while the last articles of one finish, never more in flight."""

    def __init__(self, configs: list[Config], dealer: Any, actors: int,
                 concurrency: int | None) -> None:  # fmt: skip
        ray = _ray()
        n = ray.get(dealer.deal.remote())
        # every actor of the pool up before any starts: the first would otherwise take the
        # first batches, and a short run would all go to one endpoint
        ray.get(dealer.everyone.remote(actors, _GATHER_SECONDS))
        self.extractor = Extractor(configs[n % len(configs)])
        width = concurrency or self.extractor.config.default_concurrency()
        self.pool = ThreadPoolExecutor(max_workers=width, thread_name_prefix="extractor-worker")
        preload()  # the tables, before the first batch's threads all wait for them

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        articles = [Article(id=str(i), text=str(t)) for i, t in zip(batch["id"], batch["text"])]
        outcomes = list(self.pool.map(self.extractor.extract_article, articles))
        return {
            "article": [o.article for o in outcomes],
            "ok": [isinstance(o, ExtractionResult) for o in outcomes],
            "record": [json.dumps(to_json(o), ensure_ascii=False) for o in outcomes],
        }


def _dealer() -> Any:
    """A small actor that hands out 0, 1, 2, ...: which endpoint the next actor serves."""
    ray = _ray()

    @ray.remote(num_cpus=0)
    class Dealer:
        def __init__(self) -> None:
            self.dealt = 0

        async def deal(self) -> int:
            self.dealt += 1
            return self.dealt - 1

        async def everyone(self, actors: int, timeout: float) -> bool:
            """Waits until `actors` were dealt, or `timeout` seconds (a cluster too small for
            the pool goes on with the actors it has)."""
            waited = 0.0
            while self.dealt < actors and waited < timeout:
                await asyncio.sleep(0.05)
                waited += 0.05
            return self.dealt >= actors

    return Dealer.remote()


def _pool(config: Config, endpoints: Sequence[str] | None, embedded_per_node: bool,
          actors_per_endpoint: int) -> tuple[list[Config], int, dict[str, Any]]:
    """The endpoints' configurations, how many actors, and what each asks of its node."""
    ray = _ray()
    if embedded_per_node:
        if endpoints:
            raise ConfigError("embedded_per_node runs the embedded model: name no endpoint")
        configs = endpoint_configs(config.model_copy(update={"base_url": None}), None)
        nodes = sum(1 for n in ray.nodes() if n.get("Alive"))
        # one actor per node: its embedded server uses every core of the node
        return configs, max(1, nodes), {"num_cpus": 1, "scheduling_strategy": "SPREAD"}
    configs = endpoint_configs(config, endpoints or endpoints_from_env() or None)
    if any(c.embedded for c in configs):
        raise ConfigError("name the endpoints (--base-url, EXTRACTOR_BASE_URLS), or run the "
                          "embedded model on every node (--embedded-per-node)")  # fmt: skip
    return configs, len(configs) * max(1, actors_per_endpoint), {"num_cpus": _CLIENT_CPUS}


def extract_dataset(
    ds: ray.data.Dataset,
    config: Config | None = None,
    *,
    endpoints: Sequence[str] | None = None,
    embedded_per_node: bool = False,
    concurrency: int | None = None,
    actors_per_endpoint: int = 1,
    batch_size: int = BATCH_SIZE,
) -> ray.data.Dataset:
    """Map a Dataset of articles (`id`, `text`) to result rows (`article`, `ok`, `record`).

    `endpoints`: base URLs, each served by `actors_per_endpoint` actors with `concurrency`
    articles in flight each (default: what the endpoint serves best); none named: the
    config's endpoint, or EXTRACTOR_BASE_URLS. `embedded_per_node`: no endpoint; one actor
    per node of the cluster runs the embedded model there. Lazy, like any Dataset: iterate
    it, or write it (`write_parquet`), to run it."""
    missing = {"id", "text"} - set(ds.columns() or ())
    if missing:
        raise ConfigError(f"the dataset needs the columns id and text; missing {sorted(missing)}")
    pool = _pool(config or Config.from_env(), endpoints, embedded_per_node, actors_per_endpoint)
    return _map(ds, *pool, concurrency=concurrency, batch_size=batch_size)


def _map(ds: ray.data.Dataset, configs: list[Config], actors: int, remote_args: dict[str, Any],
         *, concurrency: int | None, batch_size: int) -> ray.data.Dataset:  # fmt: skip
    """The articles of `ds` mapped over a pool of `actors` serving these endpoints."""
    ray = _ray()
    return ds.map_batches(
        _Worker,
        batch_size=batch_size,
        batch_format="numpy",
        # two batches at once per actor, sharing its threads: they never wait for the
        # slowest article of a batch
        compute=ray.data.ActorPoolStrategy(size=actors, max_tasks_in_flight_per_actor=2,
                                           max_concurrent_calls_per_actor=2,
                                           enable_true_multi_threading=True),
        fn_constructor_kwargs={"configs": configs, "dealer": _dealer(), "actors": actors,
                               "concurrency": concurrency},
        **remote_args,
    )


def connect(address: str | None, *, num_cpus: int | None = None) -> bool:
    """Joins the cluster at `address` ("auto": the one running on this machine; None: a new
    local one with `num_cpus`, unless this process is already connected). Returns whether it
    started one."""
    ray = _ray()
    if ray.is_initialized():
        return False
    try:
        ray.init(address=address, num_cpus=num_cpus if address is None else None,
                 include_dashboard=False, configure_logging=False)
    except (ConnectionError, ValueError, RuntimeError) as e:
        raise ConfigError(f"cannot reach the Ray cluster at {address}: {e}") from None
    return address is None


def extract_to_folder(
    articles: Iterable[Article],
    out: Path,
    config: Config | None = None,
    *,
    endpoints: Sequence[str] | None = None,
    embedded_per_node: bool = False,
    concurrency: int | None = None,
    actors_per_endpoint: int = 1,
    batch_size: int = BATCH_SIZE,
    on_results: Callable[[list[Outcome]], None] | None = None,
    quiet: bool = False,
) -> tuple[int, int]:
    """Extract the articles not yet done in `out` on the connected Ray cluster, writing each
    batch as it returns (a shard of results; failures in failures.jsonl). Articles done in an
    earlier run are skipped, failed ones retried. `on_results` sees each batch once written;
    `quiet` turns Ray Data's own progress reports off (when the caller shows its own).
    Returns (done, failed) of this run."""
    ray = _ray()
    if quiet:
        ray.data.DataContext.get_current().enable_progress_bars = False
        logging.getLogger("ray.data").setLevel(logging.ERROR)
    store = ShardStore(out)
    done = store.done()
    todo = [{"id": a.id, "text": a.text} for a in articles if a.id not in done]
    if not todo:
        return 0, 0
    if len({t["id"] for t in todo}) != len(todo):
        raise ConfigError("two articles have the same id; each article must be named once")
    configs, actors, remote_args = _pool(config or Config.from_env(), endpoints,
                                         embedded_per_node, actors_per_endpoint)  # fmt: skip
    # a small run too in several batches per actor, so that every actor (every endpoint)
    # gets some: the first actor ready takes two at once
    batch_size = max(1, min(batch_size, -(-len(todo) // (4 * actors))))
    ds = ray.data.from_items(todo, override_num_blocks=-(-len(todo) // batch_size))
    rows = _map(ds, configs, actors, remote_args, concurrency=concurrency, batch_size=batch_size)
    finished = failed = 0
    for batch in rows.iter_batches(batch_size=None, batch_format="numpy"):
        outcomes: list[Outcome] = [
            (ExtractionResult if ok else ExtractionFailure).model_validate_json(str(record))
            for ok, record in zip(batch["ok"], batch["record"])
        ]
        store.write_many(outcomes)
        finished += sum(1 for o in outcomes if isinstance(o, ExtractionResult))
        failed += sum(1 for o in outcomes if isinstance(o, ExtractionFailure))
        if on_results is not None:
            on_results(outcomes)
    return finished, failed
