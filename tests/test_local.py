"""The embedded model's plumbing that needs no model run: assembly and the missing-extra path."""

from __future__ import annotations

import hashlib
import socket
from pathlib import Path

import pytest

from extractor import local
from extractor.errors import ConfigError


def test_missing_extra_says_what_to_install(tmp_path: Path) -> None:
    ghost = local.LocalModel(
        alias="ghost", filename="ghost.gguf", packages=("no_such_model_part1",), size=1,
        sha256="0" * 64, extra="local",
    )  # fmt: skip
    with pytest.raises(ConfigError) as info:
        local.assemble(ghost, tmp_path)
    message = str(info.value)
    assert 'pip install -e ".[local]"' in message and "EXTRACTOR_BASE_URL" in message
    assert "no-such-model-part1" in message


def _fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunks: list[bytes]) -> local.LocalModel:
    names = []
    for n, chunk in enumerate(chunks, 1):
        pkg = tmp_path / "site" / f"fake_part{n}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{n:02d}.bin").write_bytes(chunk)
        names.append(f"fake_part{n}")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    whole = b"".join(chunks)
    return local.LocalModel(alias="fake", filename="fake.gguf", packages=tuple(names),
                            size=len(whole), sha256=hashlib.sha256(whole).hexdigest(), extra="local")  # fmt: skip


def test_parts_are_joined_in_order_verified_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_parts(tmp_path, monkeypatch, [b"GGUF-one-", b"two-", b"three"])
    out = tmp_path / "models"
    path = local.assemble(model, out)
    assert path.read_bytes() == b"GGUF-one-two-three"
    mtime = path.stat().st_mtime_ns
    assert local.assemble(model, out) == path and path.stat().st_mtime_ns == mtime  # reused
    path.write_bytes(b"GGUF-one-two-threX")  # tampered after verification: assembled again
    assert local.assemble(model, out).read_bytes() == b"GGUF-one-two-three"


def test_a_bad_assembly_never_takes_the_final_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = _fake_parts(tmp_path, monkeypatch, [b"abc", b"def"])
    wrong = local.LocalModel(**{**model.__dict__, "sha256": "f" * 64})
    out = tmp_path / "models"
    with pytest.raises(ConfigError, match="does not verify"):
        local.assemble(wrong, out)
    assert list(out.iterdir()) == []


def test_server_command_binds_loopback_and_matches_threads_to_cores(tmp_path: Path) -> None:
    server = local.Server(tmp_path / "m.gguf", "alias", port=12345)
    cmd = server.command()
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--n_threads") + 1] == str(server.threads)
    assert server.base_url == "http://127.0.0.1:12345/v1"


def test_a_server_will_not_start_on_a_port_another_program_holds(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = local.Server(tmp_path / "m.gguf", "alias", port=port)
        with pytest.raises(ConfigError, match=f"port {port} on 127.0.0.1 is in use"):
            server.start()
