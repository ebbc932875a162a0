"""The conversation to take away: the chat as JSON for programs and as Markdown for people.

Gradio's chat history holds no times, so the app keeps a small timeline beside it (``stamp``): each
user message when it arrived, each reply when it finished, the welcome when the chat opened, all in
UTC. A turn the timeline doesn't know (say, one sent before a restart) has ``"time": null``.
App notices inside a reply (errors, "the reply was cut") become their own ``"notice"`` entries, so
the assistant's text is only what the model said; the builder's welcome is marked ``"welcome": true``.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inference import NOTICE_MARK, BackendInfo, ChatSettings
from persona import PersonaBase, get_industry

from .downloads import download_folder
from .history import STATUS_MARK, is_ui_line, turn_text
from .markup import as_text, from_text

FORMAT = "persona-chat/conversation@1"
"""Names the JSON layout; a program can check it before reading."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, with a Z: "2026-01-15T09:30:00Z"."""
    return moment.astimezone(UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def stamp(timeline: Sequence[Mapping] | None, role: str, content: str, at: datetime | None = None,
          keep: int | None = None) -> list[dict]:
    """The timeline with one more turn; a new list, as a ``gr.State`` value should be.

    ``keep`` bounds it to its last entries, as the chat's own history is bounded (``history.recent_turns``).
    """
    kept = list(timeline or ())
    if keep:
        kept = kept[max(0, len(kept) - keep + 1):]
    return [*kept, {"role": role, "content": content.strip(), "time": iso(at or utc_now())}]


def _split(reply: str) -> tuple[str, list[str]]:
    """A reply's own text, character for character, and the app's lines in it (notices, and a status left by a
    stopped reply), unmarked."""
    paragraphs = reply.split("\n\n")
    text = "\n\n".join(p for p in paragraphs if not is_ui_line(p))
    notices = [p.strip().removeprefix(NOTICE_MARK.strip()).removeprefix(STATUS_MARK.strip()).strip().strip("*").strip()
               for p in paragraphs if is_ui_line(p)]
    return text, notices


def messages(history: Iterable[Any] | None, welcome: str | None = None,
             timeline: Sequence[Mapping] | None = None) -> list[dict]:
    """The history as export entries: user and assistant turns, the welcome marked, notices on their own."""
    unused = list(timeline or ())

    def time_of(role: str, content: str) -> str | None:
        for i, record in enumerate(unused):
            if record.get("role") == role and record.get("content") == content.strip():
                return unused.pop(i).get("time")
        return None

    out: list[dict] = []
    for turn in history or ():
        step = _step(turn)
        if step is not None:  # an action as the chat showed it: its title and result, not the model's words
            out.append(step)
            continue
        role, full = turn_text(turn)
        if role is None or not full.strip():
            continue
        when = time_of(role, full)
        if role == "user":
            out.append({"role": "user", "content": full, "time": when})
            continue
        is_welcome = welcome is not None and not any(m["role"] != "notice" for m in out) \
            and full.strip() == welcome.strip()
        text, notices = (full, []) if is_welcome else _split(full)
        if text.strip():
            out.append({"role": "assistant", "content": text, "time": when, "welcome": is_welcome})
        out.extend({"role": "notice", "content": n, "time": when} for n in notices)
    return out


def _step(turn: Any) -> dict | None:
    """A collapsible step (an action the chat showed, ``metadata.title``) as an export entry; None for other turns."""
    metadata = turn.get("metadata") if isinstance(turn, Mapping) else getattr(turn, "metadata", None)
    title = metadata.get("title") if isinstance(metadata, Mapping) else None
    if not title:
        return None
    content = turn.get("content") if isinstance(turn, Mapping) else getattr(turn, "content", None)
    return {"role": "action", "title": from_text(str(title)),
            "content": from_text(content) if isinstance(content, str) else "", "time": None}


def build_transcript(history: Iterable[Any] | None, persona: PersonaBase, *, link: str, backend: BackendInfo,
                     settings: ChatSettings, title: str = "Persona Chat", assistant_name: str | None = None,
                     welcome: str | None = None, timeline: Sequence[Mapping] | None = None,
                     exported_at: datetime | None = None) -> dict:
    """Everything needed to read or replay the conversation, as plain JSON-ready data."""
    scenario = getattr(persona, "scenario", None)
    return {
        "format": FORMAT,
        "title": title,
        "exported_at": iso(exported_at or utc_now()),
        "persona": {
            "name": persona.identity.full_name,
            "mode": persona.mode,
            "seed": persona.seed,
            "locale": persona.locale,
            "as_of": persona.as_of.isoformat(),
            "scenario": scenario.model_dump(mode="json", include={"kind", "title", "summary"}) if scenario else None,
            "link": link,
            "fictional": True,
        },
        "assistant": {"name": assistant_name, "institution": persona.institution,
                      "industry": get_industry(persona.mode).label},
        "backend": {"kind": backend.kind, "model": backend.model, "label": backend.label},
        "settings": {"temperature": settings.temperature, "max_new_tokens": settings.max_new_tokens},
        "messages": messages(history, welcome, timeline),
        # the actions confirmed in this chat, as the record keeps them (only when there are any: format @1 holds)
        **({"actions": [r.model_dump(mode="json") for r in actions]} if (actions := getattr(persona, "actions", ()))
           else {}),
    }


def to_json(transcript: Mapping) -> str:
    return json.dumps(transcript, ensure_ascii=False, indent=2) + "\n"


def _safe(text: str) -> str:
    """Message text as Markdown that a viewer shows, never runs: raw HTML tags are written as text."""
    return text.replace("<", "&lt;")


def _when(record: Mapping) -> str:
    time = record.get("time")
    return f" · {time.replace('T', ' ').removesuffix('Z')} UTC" if time else ""


def to_markdown(transcript: Mapping) -> str:
    """A readable transcript: who, which persona (with its link), which model, then the turns."""
    p, a, b, s = transcript["persona"], transcript["assistant"], transcript["backend"], transcript["settings"]
    speaker = a["name"] or "Assistant"
    model = b["label"] if b["model"] in b["label"] else f"{b['label']} (`{b['model']}`)"
    lines = [
        f"# {transcript['title']}: conversation with {p['name']}",
        "",
        f"- **Customer:** {p['name']} (fictional) · {a['industry']} · seed {p['seed']} · {p['locale']} · "
        f"as of {p['as_of']}",
    ]
    if p.get("scenario"):
        lines.append(f"- **Scenario:** {p['scenario']['title']}: {p['scenario']['summary']}")
    lines += [
        f"- **Assistant:** {speaker}, {a['institution']}",
        f"- **Link:** <{p['link']}>",
        f"- **Answered by:** {model}, temperature {s['temperature']}, max new tokens {s['max_new_tokens']}",
        f"- **Exported:** {transcript['exported_at'].replace('T', ' ').removesuffix('Z')} UTC",
        "",
        "---",
    ]
    for m in transcript["messages"]:
        lines.append("")
        if m["role"] == "action":
            lines.append(f"> **Action: {_safe(m['title'])}** — {_safe(m['content'])}")
            continue
        if m["role"] == "notice":
            lines.append(f"> ⚠️ **Notice{_when(m)}:** {_safe(m['content'])}")
            continue
        who = p["name"] if m["role"] == "user" else speaker
        note = " *(welcome message)*" if m.get("welcome") else ""
        # a visitor's words as the chat showed them (every character as typed), a reply as the Markdown it is
        text = as_text(m["content"]) if m["role"] == "user" else _safe(m["content"])
        lines += [f"**{who}**{_when(m)}{note}", "", text]
    if not transcript["messages"]:
        lines += ["", "*No messages yet.*"]
    if transcript.get("actions"):
        lines += ["", "---", "", "## Actions on the record", ""]
        lines += [f"- **{_safe(a['action'])}** · reference `{a['reference']}`: {_safe(a['result'])}"
                  for a in transcript["actions"]]
    return "\n".join(lines) + "\n"


def write_transcript(transcript: Mapping, folder: Path | None = None) -> tuple[str, str]:
    """Write the Markdown and JSON files for a download; a fresh name each time, so a browser never reuses one.

    They go to Gradio's cache (``downloads.download_folder``), which deletes them on the app's schedule and
    serves any file in it to whoever has its path: the name is 128 random bits and nothing else (no persona,
    no time), so only the session that was handed it can fetch it.
    """
    folder = folder or download_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"conversation-{secrets.token_hex(16)}"
    md, js = folder / f"{stem}.md", folder / f"{stem}.json"
    md.write_text(to_markdown(transcript), encoding="utf-8")
    js.write_text(to_json(transcript), encoding="utf-8")
    return str(md), str(js)
