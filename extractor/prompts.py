"""Prompt templates are data in prompts/; this renders them and names their version.

The system message is the same for every article, so an endpoint that reuses the longest common
prompt prefix (llama.cpp) pays for it once. The article comes last."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractor.errors import ConfigError
from extractor.schema import Draft

_FILES = ("system.md", "user.md", "example_article.txt", "example_reply.json")


def prompts_dir() -> Path:
    """prompts/ inside an installed wheel, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_prompts", here.parent / "prompts"):
        if (candidate / "system.md").is_file():
            return candidate
    raise ConfigError(f"prompt templates not found next to {here}")


@dataclass(frozen=True)
class Prompt:
    system: str
    user_template: str
    version: str
    example_article: str
    example_reply: str

    def messages(self, article: str) -> list[dict[str, str]]:
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user_template.replace("{article}", article.strip())},
        ]


@cache
def load(directory: Path | None = None) -> Prompt:
    d = directory or prompts_dir()
    texts = {name: (d / name).read_text(encoding="utf-8") for name in _FILES}
    example_reply = json.dumps(json.loads(texts["example_reply.json"]), ensure_ascii=False)
    Draft.model_validate_json(example_reply)  # a broken example is a bug, not a prompt
    system = (
        texts["system.md"]
        .replace("{example_article}", texts["example_article.txt"].strip())
        .replace("{example_reply}", example_reply)
        .strip()
    )
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return Prompt(
        system=system,
        user_template=texts["user.md"],
        version=digest.hexdigest()[:12],
        example_article=texts["example_article.txt"],
        example_reply=example_reply,
    )
