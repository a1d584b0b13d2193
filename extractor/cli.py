"""The command line. The only module that prints; errors become one line and a non-zero exit
(set EXTRACTOR_DEBUG=1 or pass --debug for the traceback)."""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from tqdm import tqdm

from extractor.config import MODES, Config
from extractor.errors import Cancelled, ConfigError, ExtractorError, InputError

if TYPE_CHECKING:  # the heavy modules load only when a command needs them (fast --help)
    from extractor.runner import Article, ExtractionFailure, Extractor
    from extractor.schema import ExtractionResult, Incident


def _endpoint_options(f: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--base-url", "base_url", multiple=True,
                     help="OpenAI-compatible endpoint (env EXTRACTOR_BASE_URL; default: the "
                     "embedded model); with --ray, repeat it to spread the work over several"),
        click.option("--model", help="model name at that endpoint (env EXTRACTOR_MODEL)"),
        click.option("--api-key", help="key for that endpoint (env EXTRACTOR_API_KEY)"),
        click.option("--mode", type=click.Choice(MODES), help="how to ask for structured output "
                     "(default auto: tools for OpenAI, json_object_schema for llama.cpp servers)"),
        click.option("--no-cache", is_flag=True, help="neither read nor write the reply cache"),
        click.option("--max-tokens", type=int, help="cap on tokens per reply"),
        click.option("--timeout", type=float, help="seconds to wait for one reply"),
    ]  # fmt: skip
    for option in reversed(options):
        f = option(f)
    return f


def _config(opts: dict[str, Any], *, several: bool = False) -> Config:
    """The configuration from the endpoint options. Several --base-url are left in
    opts["endpoints"] when `several` (a run on Ray), and refused otherwise."""
    urls = list(opts.pop("base_url", None) or ())
    if len(urls) > 1 and not several:
        raise click.UsageError("--base-url is given more than once; several endpoints are used "
                               "only with --ray")  # fmt: skip
    opts["endpoints"] = urls
    return Config.from_env(
        base_url=urls[0] if urls else None,
        model=opts.pop("model", None),
        api_key=opts.pop("api_key", None),
        mode=opts.pop("mode", None),
        use_cache=False if opts.pop("no_cache", False) else None,
        max_tokens=opts.pop("max_tokens", None),
        timeout=opts.pop("timeout", None),
    )


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ExtractorError as e:
            if os.environ.get("EXTRACTOR_DEBUG") or (ctx.obj or {}).get("debug"):
                raise
            raise click.ClickException(str(e)) from None
        except KeyboardInterrupt:
            click.echo("interrupted; finished articles are kept", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except Exception as e:  # a fault of this program: one line, the traceback on --debug
            if os.environ.get("EXTRACTOR_DEBUG") or (ctx.obj or {}).get("debug"):
                raise
            raise click.ClickException(
                f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)"
            ) from None


@click.group(cls=_Group)
@click.option("--debug", is_flag=True, help="show tracebacks")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Typed incident records from news articles about violent incidents."""
    ctx.obj = {"debug": debug}
    # A SIGTERM ends the run like Ctrl-C: the embedded server is stopped, finished work kept.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))


def run() -> None:
    """The console entry point: `main`, then a quick exit. By then everything is written and
    closed (results fsynced, the cache committed, the exit hooks run: the embedded server
    stopped), so the interpreter's teardown of the client libraries (~0.6 s) is skipped."""
    import atexit

    try:
        main()
        code: int | str | None = 0
    except SystemExit as e:
        code = e.code
    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


class _Stopped(Exception):
    def __init__(self, signum: int, finished: int) -> None:
        self.signum = signum
        self.finished = finished
        super().__init__(signal.Signals(signum).name)


def _run_corpus(extractor: Extractor, articles: list[Article], concurrency: int | None,
                on_result: Callable[[Any], None]) -> list[ExtractionResult | ExtractionFailure]:  # fmt: skip
    """`aextract_many` that Ctrl-C or SIGTERM stops within a second: requests in flight are
    abandoned, the embedded server is stopped, finished articles stay with `on_result`. A
    second signal exits at once. Raises _Stopped."""
    import asyncio

    from extractor.runner import aextract_many

    stops: list[int] = []
    cancelling = threading.Thread(target=extractor.cancel, name="extractor-cancel", daemon=True)

    def handler(signum: int, _frame: Any) -> None:
        if stops:
            os._exit(128 + signum)
        stops.append(signum)
        tqdm.write("stopping: finished articles are kept (signal again to quit at once)",
                   file=sys.stderr)  # fmt: skip
        cancelling.start()  # not here: closing connections may wait on a worker's lock

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return asyncio.run(
            aextract_many(articles, concurrency=concurrency, on_result=on_result,
                          extractor=extractor)  # fmt: skip
        )
    except Cancelled as e:
        cancelling.join(timeout=3)
        raise _Stopped(stops[0] if stops else signal.SIGINT, len(e.results)) from None
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _collect(paths: tuple[str, ...]) -> tuple[list[Article], list[ExtractionFailure]]:
    from extractor.runner import Article, ExtractionFailure, decode, read_article

    articles: list[Article] = []
    bad: list[ExtractionFailure] = []
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            try:
                articles.append(Article(id="stdin", text=decode(data, "stdin")))
            except InputError as e:
                bad.append(ExtractionFailure(article="stdin", error="InputError", cause=e.cause))
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(  # a folder's README describes the folder; it is not an article
                p for p in path.iterdir()
                if p.is_file() and p.suffix in (".txt", ".md") and p.stem.upper() != "README"
            )  # fmt: skip
        elif path.exists():
            files = [path]
        else:
            raise click.BadParameter(f"{raw}: no such file or folder", param_hint="FILES")
        for file in files:
            try:
                articles.append(read_article(file))
            except InputError as e:
                bad.append(ExtractionFailure(article=e.article, error="InputError", cause=e.cause))
    return articles, bad


def _print_incidents(result: ExtractionResult) -> None:
    meta = result.meta
    state = "cached" if meta.cached else f"{meta.seconds:.1f} s"
    click.echo(
        f"{result.article}: {len(result.incidents)} incident(s) [{meta.model}, {state}, "
        f"{meta.usage.prompt_tokens}+{meta.usage.completion_tokens} tokens]"
    )
    for n, incident in enumerate(result.incidents, 1):
        click.echo(f"  {n}. {_line(incident)}")
    for warning in meta.warnings:
        click.echo(f"  note: {warning}")


def _line(i: Incident) -> str:
    bits = [i.summary]
    counts = [
        f"{name} {c.min if c.min == c.max else f'{c.min}..{c.max}'}".replace("None", "?")
        for name, c in (
            ("killed", i.killed),
            ("civilians", i.civilians_killed),
            ("children", i.children_killed),
            ("women", i.women_killed),
            ("injured", i.injured),
        )
        if c.min is not None or c.max is not None
    ]
    if counts:
        bits.append("[" + ", ".join(counts) + "]")
    if i.sources:
        bits.append("(" + "; ".join(i.sources) + ")")
    return " ".join(bits)


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of text")
@click.option("--out", type=click.Path(path_type=Path),
              help="write results: a .jsonl file (one line per article) or a folder")
@click.option("--concurrency", type=click.IntRange(1, 256),
              help="articles at once (default: 1 for the embedded model, which serves one "
              "request at a time; 4 for a named endpoint)")  # fmt: skip
@click.option("--ray", "ray_address", is_flag=False, flag_value="local", metavar="[ADDRESS]",
              help="run on a Ray cluster: 'auto' joins the one this machine belongs to, "
              "host:port or ray://host:port another; no address starts a local one. --out is "
              "then a folder of shards with a manifest")  # fmt: skip
@click.option("--embedded-per-node", is_flag=True,
              help="with --ray: every node runs the embedded model (one worker per node)")
@_endpoint_options
def extract(files: tuple[str, ...], as_json: bool, out: Path | None, concurrency: int | None,
            ray_address: str | None, embedded_per_node: bool, **opts: Any) -> None:  # fmt: skip
    """Extract incidents from FILES (files, folders of .txt, or - for stdin)."""
    from extractor.runner import ExtractionFailure, Extractor
    from extractor.schema import ExtractionResult
    from extractor.store import open_store, to_json

    if embedded_per_node and ray_address is None:
        raise click.UsageError("--embedded-per-node needs --ray")
    config = _config(opts, several=ray_address is not None)
    articles, failures = _collect(files)
    for f in failures:
        click.echo(f"error: {f.article}: {f.cause}", err=True)
    if ray_address is not None:
        _extract_on_ray(articles, failures, out, config, opts["endpoints"], ray_address,
                        embedded_per_node, concurrency)  # fmt: skip
        return
    store = open_store(out) if out else None
    if store is not None:
        for f in failures:
            store.write(f)
        done = store.done()
        skipped = [a for a in articles if a.id in done]
        articles = [a for a in articles if a.id not in done]
        if skipped:
            click.echo(f"{len(skipped)} article(s) already done in {out}; skipping", err=True)
    extractor = Extractor(config)
    started = time.perf_counter()
    results: list[ExtractionResult | ExtractionFailure] = []
    show_bar = store is not None or len(articles) > 1
    bar = tqdm(total=len(articles), unit="article", disable=not show_bar, file=sys.stderr,
               dynamic_ncols=True)  # fmt: skip

    def on_result(outcome: ExtractionResult | ExtractionFailure) -> None:
        results.append(outcome)
        if store is not None:
            store.write(outcome)
        if isinstance(outcome, ExtractionFailure):
            tqdm.write(f"error: {outcome.article}: {outcome.cause}", file=sys.stderr)
        bar.update(1)

    try:
        ordered = _run_corpus(extractor, articles, concurrency, on_result)
    except _Stopped as stop:
        bar.close()
        kept = f" and kept in {out}" if store is not None else ""
        click.echo(f"stopped by {stop}: {stop.finished} article(s) finished{kept}; "
                   "a rerun with the same --out continues", err=True)  # fmt: skip
        _summary(results, failures, time.perf_counter() - started, show=True)
        sys.exit(128 + stop.signum)
    finally:
        bar.close()
    failures += [r for r in ordered if isinstance(r, ExtractionFailure)]
    if store is None:
        everything = [*ordered, *(f for f in failures if f not in ordered)]
        if as_json:
            payload: Any = [to_json(r) for r in everything]
            if len(files) == 1 and files[0] != "-" and not Path(files[0]).is_dir() and payload:
                payload = payload[0]
            elif files == ("-",) and payload:
                payload = payload[0]
            click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        else:
            for r in ordered:
                if isinstance(r, ExtractionResult):
                    _print_incidents(r)
    _summary(ordered, failures, time.perf_counter() - started, show=show_bar)
    if failures:
        sys.exit(1)


def _extract_on_ray(articles: list[Article], bad: list[ExtractionFailure], out: Path | None,
                    config: Config, endpoints: list[str], address: str, embedded_per_node: bool,
                    concurrency: int | None) -> None:  # fmt: skip
    """`extract --ray`: the articles not done in the --out folder, on a Ray cluster."""
    if out is None or out.suffix == ".jsonl" or (out.exists() and not out.is_dir()):
        raise click.UsageError("--ray writes shards: give --out a folder")
    if address not in ("local", "auto") and ":" not in address:
        raise click.UsageError(f"--ray {address!r}: not a cluster address ('auto', host:port, "
                               "ray://host:port); to start a local cluster, put --ray last or "
                               "write --ray=local")  # fmt: skip
    from extractor import distributed
    from extractor.runner import ExtractionFailure
    from extractor.store import ShardStore

    store = ShardStore(out)
    store.write_many(bad)
    done = store.done()
    todo = [a for a in articles if a.id not in done]
    if len(todo) < len(articles):
        click.echo(f"{len(articles) - len(todo)} article(s) already done in {out}; skipping",
                   err=True)  # fmt: skip
    if not todo:
        _summary([], bad, 0.0, show=True)
        sys.exit(1 if bad else 0)
    started = time.perf_counter()
    started_cluster = distributed.connect(None if address == "local" else address)
    outcomes: list[Any] = []
    bar = tqdm(total=len(todo), unit="article", file=sys.stderr, dynamic_ncols=True)

    def on_results(batch: list[Any]) -> None:
        outcomes.extend(batch)
        for o in batch:
            if isinstance(o, ExtractionFailure):
                tqdm.write(f"error: {o.article}: {o.cause}", file=sys.stderr)
        bar.update(len(batch))

    try:
        distributed.extract_to_folder(
            todo, out, config, endpoints=endpoints or None, embedded_per_node=embedded_per_node,
            concurrency=concurrency, on_results=on_results, quiet=True)
    except KeyboardInterrupt:
        bar.close()
        click.echo(f"stopped: {len(outcomes)} article(s) finished and kept in {out}; a rerun "
                   "with the same --out continues", err=True)  # fmt: skip
        sys.exit(130)
    finally:
        bar.close()
        if started_cluster:
            import ray

            ray.shutdown()
    failed = [o for o in outcomes if isinstance(o, ExtractionFailure)]
    _summary(outcomes, [*bad, *failed], time.perf_counter() - started, show=True)
    click.echo(f"wrote {out} (manifest.json lists the shards)", err=True)
    if bad or failed:
        sys.exit(1)


def _summary(outcomes: list[Any], failures: list[ExtractionFailure], seconds: float,
             *, show: bool) -> None:  # fmt: skip
    from extractor.schema import ExtractionResult

    done = [r for r in outcomes if isinstance(r, ExtractionResult)]
    cached = sum(r.meta.cached for r in done)
    fresh = [r for r in done if not r.meta.cached]
    prompt = sum(r.meta.usage.prompt_tokens for r in fresh)
    completion = sum(r.meta.usage.completion_tokens for r in fresh)
    cost = sum(r.meta.cost for r in fresh)
    if show or failures:
        click.echo(
            f"done {len(done)} (cached {cached}), failed {len(failures)}, tokens "
            f"{prompt} prompt + {completion} completion"
            + (f", cost {cost:.4f}" if cost else "")
            + f", {seconds:.1f} s",
            err=True,
        )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on (loopback unless you mean otherwise)")
@click.option("--port", type=int, default=8765, show_default=True)
def serve(host: str, port: int) -> None:
    """Serve the embedded model as a local OpenAI-compatible endpoint."""
    from extractor import local

    config = Config.from_env()
    server = local.start_server(config.cache_dir, host=host, port=port)
    click.echo(f"serving {server.alias} at {server.base_url}")
    click.echo(f"use: extractor extract --base-url {server.base_url} --model {server.alias} FILE")
    try:
        code = server.wait()
    except KeyboardInterrupt:
        code = 0
    finally:
        server.stop()
    sys.exit(code)


def _format_of(out: Path, fmt: str | None, formats: tuple[str, ...]) -> str:
    """The output format: as given, else from the file's suffix."""
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in formats:
        raise click.UsageError(f"cannot tell the format from {out.name!r}; pass --format")
    return fmt


@main.command("export")
@click.argument("results", type=click.Path(path_type=Path, exists=True))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="the file to write")
@click.option("--format", "fmt", type=click.Choice(["csv", "geojson", "parquet"]),
              help="default: from --out's suffix")  # fmt: skip
def export_(results: Path, out: Path, fmt: str | None) -> None:
    """One row per incident of RESULTS (a results .jsonl or folder): CSV with ACLED-like
    columns, GeoJSON points, or Parquet."""
    from extractor.export import FORMATS, export
    from extractor.store import read_results

    fmt = _format_of(out, fmt, FORMATS)
    written, failed, unplaced = export(read_results(results), fmt, out)
    note = f"; {unplaced} without coordinates" + (" (listed under 'unplaced')" if fmt == "geojson" else "")
    click.echo(f"wrote {written} incident(s) to {out}{note if unplaced else ''}")
    if failed:
        click.echo(f"skipped {failed} failed article(s) (no records to export)", err=True)


@main.command("events")
@click.argument("results", type=click.Path(path_type=Path, exists=True))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="events.jsonl, .csv, .geojson, .parquet or .sqlite (default: a summary only)")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet", "sqlite"]),
              help="default: from --out's suffix")  # fmt: skip
def events_(results: Path, out: Path | None, fmt: str | None) -> None:
    """Group the incidents of RESULTS (a results .jsonl or folder) into events: one strike
    reported by several articles is one event that keeps every report."""
    from extractor.events import resolve_events
    from extractor.export import EVENT_FORMATS, export_events
    from extractor.store import read_results

    fmt = _format_of(out, fmt, EVENT_FORMATS) if out is not None else None
    outcomes = read_results(results)
    events = resolve_events(outcomes)
    incidents = sum(len(e.reports) for e in events)
    several = [e for e in events if len(e.reports) > 1]
    click.echo(f"{incidents} incident(s) -> {len(events)} event(s); {len(several)} reported by "
               f"more than one article")  # fmt: skip
    for e in several[:20]:
        where = ", ".join(e.places[:2]) or e.admin1 or e.country or "?"
        click.echo(f"  {e.id} {e.event_type.value} {e.date or 'undated'} {where}: "
                   f"{len(e.reports)} reports ({', '.join(r.article for r in e.reports)})")  # fmt: skip
    if out is not None:
        export_events(events, outcomes, fmt, out)
        click.echo(f"wrote {len(events)} event(s) to {out}")
    if failed := sum(1 for o in outcomes if not hasattr(o, "incidents")):
        click.echo(f"skipped {failed} failed article(s) (no incidents)", err=True)


@main.command("map")
@click.argument("results", type=click.Path(path_type=Path, exists=True))
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=Path("map.html"),
              show_default=True)
def map_(results: Path, out: Path) -> None:
    """An offline map of RESULTS: a self-contained HTML page (no tiles, no network)."""
    from extractor import maps
    from extractor.export import rows
    from extractor.store import read_results

    table, failed = rows(read_results(results))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(maps.page(table, title=f"Incidents: {results.name}"), encoding="utf-8")
    placed = sum(r["latitude"] is not None for r in table)
    click.echo(f"wrote {out}: {placed} of {len(table)} incident(s) on the map")
    if failed:
        click.echo(f"skipped {failed} failed article(s)", err=True)


@main.group()
def cache() -> None:
    """Inspect or clear the reply cache (EXTRACTOR_CACHE_DIR)."""


@cache.command("stats")
def cache_stats() -> None:
    """Entries, bytes and folder of the reply cache."""
    from extractor.cache import ReplyCache

    stats = ReplyCache(Config.from_env().cache_dir).stats()
    click.echo(f"folder  {stats['directory']}\nentries {stats['entries']}\nbytes   {stats['bytes']}")


@cache.command("clear")
def cache_clear() -> None:
    """Remove every cached reply (the embedded model file stays)."""
    from extractor.cache import ReplyCache

    removed = ReplyCache(Config.from_env().cache_dir).clear()
    click.echo(f"removed {removed} cached replies")


@main.command("eval")
@click.option("--dataset", "datasets", multiple=True, default=("seeds", "dev"), show_default=True,
              help="a dataset named in evals/datasets.json, or a folder of gold <article>.json "
              "files beside their <article>.txt; repeat for several")  # fmt: skip
@click.option("--results", type=click.Path(path_type=Path, exists=True),
              help="score a finished run (results JSONL or folder) instead of calling a model")
@click.option("--out", type=click.Path(path_type=Path), default=Path("evals/results/latest"),
              show_default=True, help="folder for report.json and report.html")
@click.option("--compare", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="an earlier report.json to show deltas against")
@click.option("--min-f1", type=float, help="exit non-zero when incident F1 is below this")
@click.option("--events", "events", is_flag=True,
              help="also score the grouping into events, for datasets with a gold grouping "
                   "(e.g. --dataset events): the resolver on gold incidents and end to end")
@click.option("--concurrency", type=click.IntRange(1, 256),
              help="articles at once (default: 1 for the embedded model, 4 for a named endpoint)")
@click.option("--show-held-out", "show_held_out", is_flag=True,
              help="also print the misses of a dataset's held-out part (dev/test), which are "
              "otherwise only scored, so that rules are not tuned on them")  # fmt: skip
@click.option("--without", "without", multiple=True, metavar="FAMILY",
              help="switch a family of coding rules off, to measure what it gives (names, map, "
              "align, lead, tolls, subsets, attackers, landmarks, merge)")  # fmt: skip
@_endpoint_options
def eval_(datasets: tuple[str, ...], results: Path | None, out: Path, compare: Path | None,
          min_f1: float | None, events: bool, concurrency: int | None, show_held_out: bool,
          without: tuple[str, ...], **opts: Any) -> None:  # fmt: skip
    """Score an endpoint against hand-labelled gold, each dataset on its own and together."""
    from extractor import evaluation, report
    from extractor.postprocess import RULES, WITHOUT_ENV
    from extractor.store import read_results

    if unknown := sorted(set(without) - set(RULES)):
        raise ConfigError(f"--without: unknown rule families {unknown}; known: {', '.join(RULES)}")
    if without:
        os.environ[WITHOUT_ENV] = ",".join(without)
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {out}: is a file; the report goes in a folder")

    loaded = [evaluation.load_dataset(spec) for spec in datasets]
    grouped = [ds for ds in loaded if ds.grouping is not None]
    if events and not grouped:
        raise click.UsageError("--events: none of the datasets has a gold grouping (try --dataset events)")
    texts: dict[str, str] = {}
    for ds in loaded:
        if clash := sorted(set(texts) & set(ds.texts)):
            raise ConfigError(f"dataset {ds.name}: article ids {clash} are in another dataset too")
        texts.update(ds.texts)
    if results is not None:
        outcomes: list[Any] = read_results(results)
        info: dict[str, Any] = {"results": str(results), **evaluation.run_info(None)}
    else:
        from extractor.runner import Article, Extractor

        extractor = Extractor(_config(opts))
        bar = tqdm(total=len(texts), unit="article", file=sys.stderr, dynamic_ncols=True)

        def on_result(_: Any) -> None:
            bar.update(1)

        try:
            outcomes = _run_corpus(extractor, [Article(id=k, text=v) for k, v in texts.items()],
                                   concurrency, on_result)  # fmt: skip
        except _Stopped as stop:
            bar.close()
            click.echo(f"stopped by {stop}: no report written; the replies so far are cached, "
                       "so a rerun continues where this one stopped", err=True)  # fmt: skip
            sys.exit(128 + stop.signum)
        finally:
            bar.close()
        info = evaluation.run_info(extractor)
    result = evaluation.score_run(loaded, outcomes)
    result.info = info | {"datasets": list(datasets), "without": list(without)}
    if events:
        for ds in grouped:
            for part, score in evaluation.score_events(ds, outcomes).items():
                result.events[part if len(grouped) == 1 else f"{ds.name}/{part}"] = score
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(result.model_dump_json(indent=2) + "\n", encoding="utf-8")
    (out / "report.html").write_text(report.render(result, texts), encoding="utf-8")
    hidden = set() if show_held_out else {a for ds in loaded for a in ds.held_out}
    click.echo(evaluation.format_table(result, hidden))
    if result.events:
        click.echo(evaluation.format_events(result.events))
    if compare is not None:
        old = evaluation.EvalReport.model_validate_json(compare.read_text(encoding="utf-8"))
        click.echo(evaluation.format_deltas(old, result))
    click.echo(f"wrote {out / 'report.json'} and {out / 'report.html'}")
    if min_f1 is not None and result.overall.incident_f1 < min_f1:
        click.echo(f"incident F1 {result.overall.incident_f1:.3f} is below --min-f1 {min_f1}",
                   err=True)  # fmt: skip
        sys.exit(1)
