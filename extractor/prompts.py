"""Prompt templates are data in prompts/; this renders them and names their version.

The system message is the same for every article, so an endpoint that reuses the longest common
prompt prefix (llama.cpp) pays for it once. The article comes last."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractor.errors import ConfigError
from extractor.leads import Leads, names_any
from extractor.parsing import article_date
from extractor.schema import Draft, DraftIncident, EventType

_FILES = (
    "system.md",
    "user.md",
    "first.md",
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
    follow_up_template: str
    kinds: dict[str, str]  # event type -> how a follow-up question names it
    version: str
    example_article: str
    example_reply: str  # {"incidents": [...]}, compact JSON
    example_turns: tuple[dict[str, str], ...] = ()  # the worked example, stepwise

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
        """Ask for the first incident, after the worked example done the stepwise way: its
        first incident, then a question about each lead sentence and its answer."""
        return [
            {"role": "system", "content": self.system},
            self._user(self.first_template, self.example_article),
            *(dict(t) for t in self.example_turns),
            self._user(self.first_template, article),
        ]

    def follow_up(self, sentence: str, kinds: list[EventType]) -> dict[str, str]:
        """Ask whether one sentence of the article reports an incident not listed yet."""
        order = list(self.kinds)
        if len(set(kinds)) == len(EventType) or not kinds:
            named = "an incident"  # harm told with no word for how
        else:
            named = " or ".join(self.kinds[k.value] for k in sorted(kinds, key=lambda k: order.index(k.value)))
        text = self.follow_up_template.replace("{sentence}", sentence)
        return {"role": "user", "content": text.replace("{kind}", named)}


def _example_turns(prompt: Prompt) -> tuple[dict[str, str], ...]:
    """The worked example's conversation: the first incident, then each lead the lead finder
    picks in the example article, answered with the example incident it reports or null.
    Every example incident must be reached, so the example shows what the questions find."""
    incidents = json.loads(prompt.example_reply)["incidents"]
    drafts = [DraftIncident.model_validate(i) for i in incidents]
    turns = [{"role": "assistant", "content": _compact({"incident": incidents[0]})}]
    found, unused = [drafts[0]], list(range(1, len(drafts)))
    leads = Leads(prompt.example_article, article_date(prompt.example_article))
    while (lead := leads.next(found)) is not None:
        sentence, kinds = lead
        hit = next((i for i in unused if drafts[i].type in kinds and names_any(sentence, drafts[i].places)), None)
        turns.append(prompt.follow_up(sentence, kinds))
        if hit is None:
            leads.decline(kinds)
            turns.append({"role": "assistant", "content": _compact({"incident": None})})
        else:
            unused.remove(hit)
            found.append(drafts[hit])
            turns.append({"role": "assistant", "content": _compact({"incident": incidents[hit]})})
    if unused:
        raise ConfigError(
            "no lead in the worked example reaches its incident(s) "
            + ", ".join(f"{drafts[i].type.value} at {', '.join(drafts[i].places)}" for i in unused)
        )
    return tuple(turns)


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
    prompt = Prompt(
        system=texts["system.md"].strip(),
        user_template=texts["user.md"],
        first_template=texts["first.md"],
        follow_up_template=texts["follow_up_sentence.md"].strip(),
        kinds=json.loads(texts["kinds.json"]),
        version="",
        example_article=texts["example_article.txt"],
        example_reply=example_reply,
    )
    turns = _example_turns(prompt)
    digest = hashlib.sha256()
    for name in _FILES:
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    digest.update(_compact(turns).encode())  # the example conversation is code's work too
    return dataclasses.replace(prompt, example_turns=turns, version=digest.hexdigest()[:12])
