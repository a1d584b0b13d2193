"""End to end with the real embedded model (Qwen2.5-Coder-1.5B-Instruct, the `local` extra)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED_000, SEEDS, seed

from extractor import ExtractionResult, Incident, extract
from extractor.local import MODELS, assemble
from extractor.schema import EventType

pytestmark = pytest.mark.e2e

SHARED_CACHE = Path(os.environ.get("EXTRACTOR_TEST_MODEL_DIR", Path.home() / ".cache" / "extractor"))


@pytest.fixture()
def model_dir(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The assembled GGUF is kept between test runs (1.1 GB); replies are not."""
    return SHARED_CACHE


def _air_strike_in_idlib(incidents: list[Incident]) -> bool:
    return any(
        i.event_type is EventType.air_strike
        and ("idlib" in (i.location.admin1 or "").lower()
             or any(p.lower() in ("darkoush", "darkush") for p in i.location.places))
        for i in incidents
    )  # fmt: skip


def test_real_model_assembles_and_verifies() -> None:
    model = MODELS["1.5b"]
    path = assemble(model, SHARED_CACHE / "models")  # SHA-256 checked inside
    assert path.stat().st_size == model.size


def test_embedded_model_extracts_a_seed(model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(model_dir))
    monkeypatch.setenv("EXTRACTOR_USE_CACHE", "0")
    result = extract(seed(SEED_000), article_id=SEED_000)
    assert isinstance(result, ExtractionResult) and result.incidents
    assert _air_strike_in_idlib(result.incidents), [i.summary for i in result.incidents]
    for incident in result.incidents:
        Incident.model_validate(incident.model_dump())
        assert all(q in seed(SEED_000) for q in incident.evidence)
    assert result.meta.usage.completion_tokens > 0 and not result.meta.cached


def test_serve_then_extract_against_it(model_dir: Path, tmp_path: Path) -> None:
    env = {**os.environ, "EXTRACTOR_CACHE_DIR": str(model_dir), "EXTRACTOR_USE_CACHE": "0"}
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = str(s.getsockname()[1])  # a free one: another run may hold any fixed port
    server = subprocess.Popen(
        [sys.executable, "-m", "extractor", "serve", "--port", port],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/v1" in first, first
        model = first.split()[1]
        out = subprocess.run(
            [sys.executable, "-m", "extractor", "extract", str(next(SEEDS.glob(f"{SEED_000}*"))),
             "--json", "--base-url", f"http://127.0.0.1:{port}/v1", "--model", model],
            env=env, capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        assert out.returncode == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["meta"]["endpoint"] == f"http://127.0.0.1:{port}/v1"
        incidents = [Incident.model_validate(i) for i in data["incidents"]]
        assert _air_strike_in_idlib(incidents), [i.summary for i in incidents]
    finally:
        server.terminate()
        server.wait(timeout=30)
    time.sleep(0.5)
    with pytest.raises(OSError):  # the model server went down with it
        import urllib.request

        urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2)


def test_the_lazily_checked_grammar_gives_the_replies_the_full_grammar_gives() -> None:
    """The embedded server checks the reply grammar on the greedy pick alone first: the same
    tokens as applying it to the whole vocabulary, also where the model's first choice is
    one the grammar forbids (a reply to a question that is not about an incident)."""
    from llama_cpp import Llama, LlamaGrammar, _internals

    from extractor import _server
    from extractor.llm import json_schema
    from extractor.schema import next_incident_of

    path = assemble(MODELS["1.5b"], SHARED_CACHE / "models")
    llm = Llama(model_path=str(path), n_ctx=1024, n_threads=2, verbose=False)
    grammar = LlamaGrammar.from_json_schema(json.dumps(json_schema(next_incident_of(()))), verbose=False)
    asks = ["Reply in JSON: gunmen stormed the village of Velna on Friday, killing 12 civilians.",
            "Say hello in French."]  # fmt: skip
    full = _internals.LlamaSampler.add_grammar

    def replies() -> list[str]:
        return [
            llm.create_chat_completion(messages=[{"role": "user", "content": a}], temperature=0,
                                       max_tokens=48, grammar=grammar)["choices"][0]["message"]["content"]
            for a in asks
        ]  # fmt: skip

    try:
        expected = replies()
        _internals.LlamaSampler.add_grammar = _server._add_lazy_grammar
        got = replies()
    finally:
        _internals.LlamaSampler.add_grammar = full
    assert got == expected and got[1].lstrip().startswith("{")
