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

_FILES = (
    "system.md",
    "user.md",
    "first.md",
    "next.md",
    "follow_up.md",
    "follow_up_sentence.md",
    "kinds.json",

    "example_article.txt",
    "example_reply.json",
)


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
    first_template: str
    next_message: str
    follow_up_template: str
    follow_up_sentence_template: str
    kinds: dict[str, str]  # event type -> how a follow-up question names it, in asking order
    version: str
    example_article: str
    example_reply: str  # {"incidents": [...]}, compact JSON

    def _user(self, template: str, article: str) -> dict[str, str]:
        return {"role": "user", "content": template.replace("{article}", article.strip())}

    def messages(self, article: str) -> list[dict[str, str]]:
        """Ask for every incident in one reply, after the worked example done the same way."""
        return [
            {"role": "system", "content": self.system},
            self._user(self.user_template, self.example_article),
            {"role": "assistant", "content": self.example_reply},
            self._user(self.user_template, article),
        ]

    def first_messages(self, article: str) -> list[dict[str, str]]:
        """Ask for the first incident, after the worked example done one incident per turn;
        `next_message` then asks for each further one."""
        turns: list[dict[str, str]] = [
            {"role": "system", "content": self.system},
            self._user(self.first_template, self.example_article),
        ]
        for incident in json.loads(self.example_reply)["incidents"]:
            turns.append({"role": "assistant", "content": _compact({"incident": incident})})
            turns.append({"role": "user", "content": self.next_message})
        turns.append({"role": "assistant", "content": _compact({"incident": None})})
        turns.append(self._user(self.first_template, article))
        return turns


    def follow_up(self, kind: str, sentence: str | None = None) -> dict[str, str]:
        """Ask for one more incident of one kind, after the model has listed what it saw:
        about a sentence that names an unlisted place, if there is one."""
        if sentence is None:
            text = self.follow_up_template
        else:
            text = self.follow_up_sentence_template.replace("{sentence}", sentence)
        return {"role": "user", "content": text.replace("{kind}", self.kinds[kind])}


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@cache
def load(directory: Path | None = None) -> Prompt:
    d = directory or prompts_dir()
    texts = {name: (d / name).read_text(encoding="utf-8") for name in _FILES}
    example_reply = _compact(json.loads(texts["example_reply.json"]))
    draft = Draft.model_validate_json(example_reply)  # a broken example is a bug, not a prompt
    if len(draft.incidents) < 2:
        raise ConfigError("the worked example should show several incidents")
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    return Prompt(
        system=texts["system.md"].strip(),
        user_template=texts["user.md"],
        first_template=texts["first.md"],
        next_message=texts["next.md"].strip(),
        follow_up_template=texts["follow_up.md"].strip(),
        follow_up_sentence_template=texts["follow_up_sentence.md"].strip(),
        kinds=json.loads(texts["kinds.json"]),
        version=digest.hexdigest()[:12],
        example_article=texts["example_article.txt"],
        example_reply=example_reply,
    )
