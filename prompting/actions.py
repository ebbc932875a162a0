"""Recognise what a customer asks the assistant to do, on which item of their record, and plan the reply.

The embedded model can't call tools reliably, so the conversation planner does it the way it finds
facts: the action by the phrases its industry declares (``Action.phrases``: "block … card"), the
arguments from the message, the turns before it and the scenario ("the RideNow charge", "my rent",
"$200 to savings", "Feb 3 at 10:30"), resolved against the record's own items. A changing action is
only ever *proposed* here; "yes" confirms the proposal the customer was shown and "no" drops it. The
model then only words a reply around the planned text (the proposal, the result and its reference,
the refusal's reason).

>>> from datetime import date
>>> from persona import Ledger, generate
>>> ledger = Ledger(generate("banking", 42, as_of=date(2026, 1, 15), scenario="unrecognised_charge"))
>>> ledger, plan = respond(ledger, "Please block my card", [])
>>> plan.kind, plan.text
('propose', 'Freeze your card ending 3222? New purchases will be declined until you unfreeze it.')
>>> ledger, plan = respond(ledger, "yes", [])
>>> plan.kind, ledger.persona.card_frozen, plan.outcome.reference
('confirm', True, 'TEST-C1A3-38FB')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from persona import (
    Action,
    ActionError,
    Ledger,
    Outcome,
    PersonaBase,
    Proposal,
    Reading,
    Refusal,
    RefusedError,
    actions_of,
    get_industry,
)
from persona.ledger import call

PlanKind = Literal["propose", "confirm", "cancel", "refuse", "read", "clarify"]
MAX_MESSAGE = 2000
"""Characters of a message the planner reads: bounded before any pattern runs."""
EARLIER_TURNS = 3
"""User turns looked back through for an item the latest message leaves unnamed ("dispute the charge")."""


@dataclass(frozen=True)
class ActionPlan:
    """What the reply to an action request must do and say.

    ``kind``: "propose" (ask the customer to confirm ``proposal``), "confirm" (run the pending proposal;
    ``respond`` fills ``outcome``), "cancel", "refuse" (the record doesn't allow it: ``text`` is the
    reason), "read" (a read tool's finding), "clarify" (a detail is missing: ``text`` asks for it).
    ``text`` is what the assistant says; a model only words the reply around it.
    """

    kind: PlanKind
    action: str | None = None
    arguments: dict[str, Any] | None = None
    text: str = ""
    proposal: Proposal | None = None
    outcome: Outcome | None = None


_YES = re.compile(r"^\W*(?:yes|yeah|yep|yup|ya|sure|ok(?:ay)?|confirm(?:ed)?|go ahead|do it|please do|correct|"
                  r"that'?s right|absolutely|of course|please|y)\b(?!\W*(?:but|wait|no)\b)", re.IGNORECASE)
_NO = re.compile(r"^\W*(?:no|nope|nah|cancel|don'?t|do not|stop|never ?mind|wait|hold on|not now|n)\b", re.IGNORECASE)
_QUESTION = re.compile(r"^\W*(?:will|would|does|do|did|is|are|was|were|what|why|when|which|who|how much|how many|"
                       r"how long|should|has|have)\b", re.IGNORECASE)
_REQUEST = re.compile(r"\b(?:can|could|would|will) (?:you|u)\b|\bplease\b|\bi(?:'d| would) like\b|\bi want\b|"
                      r"\bi need\b|\b(?:can|could|may) i\b|\bhow (?:do|can) i\b|\blet'?s\b|\bi'?d like\b|\bhelp me\b|"
                      r"\b(?:is|would) it (?:be )?possible\b|\bany chance\b",
                      re.IGNORECASE)


def is_yes(message: str) -> bool:
    return bool(_YES.search(message[:200])) and not _NO.search(message[:200])


def is_no(message: str) -> bool:
    return bool(_NO.search(message[:200]))


def recognise(persona: PersonaBase, message: str) -> Action | None:
    """The action the message asks for: the earliest phrase of any action matched (declared order breaks ties).

    A question about an action's consequences ("Will a higher limit affect my score?") asks nothing to be done.
    """
    text = message[:MAX_MESSAGE]
    if _QUESTION.search(text) and not _REQUEST.search(text):
        return None
    found = [(m.start(), i, a) for i, a in enumerate(actions_of(persona.mode).values())
             if a.pattern is not None and (m := a.pattern.search(text))]
    return min(found, key=lambda f: (f[0], f[1]))[2] if found else None


# Reading values out of text: money, dates, times, names.

_MONEY = re.compile(r"(?:[$€£]\s?(\d[\d,]*(?:\.\d{1,2})?))|(?:\b(\d[\d,]*(?:\.\d{1,2})?)\s?(?:dollars|euros|pounds|usd|eur|gbp|€))",
                    re.IGNORECASE)
_NOT_TARGET = re.compile(r"\b(?:above|over|beyond|from|than|of|current(?:ly)?|only)\s*$", re.IGNORECASE)
_MONTHS = {m: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})\b|"
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?\b|"
    rf"\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\b\.?(?:,?\s+(?P<y2>\d{{4}}))?|"
    rf"\bthe\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)\b|"
    rf"\b(?P<rel>tomorrow|yesterday)\b|\b(?P<dir>next|on|this|last)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|"
    rf"saturday|sunday)\b",
    re.IGNORECASE)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TIME = re.compile(r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap])\.?m\b\.?|\b(?P<h24>\d{1,2}):(?P<m24>\d{2})\b|"
                   r"\b(?P<noon>noon|midday)\b", re.IGNORECASE)
_SHIFT = re.compile(r"\b(?:by|back|later)\s+(?:a|one|(?P<n>\d{1,2}))\s+(?P<unit>days?|weeks?)\b|"
                    r"\b(?:a|one|(?P<n2>\d{1,2}))\s+(?P<unit2>days?|weeks?)\s+later\b", re.IGNORECASE)
_NAME = re.compile(r"\b(?:[A-Z][a-zA-Z'’.-]+)(?:\s+[A-Z][a-zA-Z'’.-]+){0,2}")
_NOT_NAMES = frozenset("""I I'm I'd I've Can Could Would Will Please Hi Hello Hey My The A An And But Yes No Ok Okay
Thanks Thank Dr Dr. Mr Mrs Ms Is Are What Why When How Do Does Did Should Let Add Book Move Cancel Block Freeze
Dispute Transfer Pay File Schedule Change Update Set Make Put Send Get Also Then So Oh Sorry Monday Tuesday Wednesday
Thursday Friday Saturday Sunday""".split()) | {m.capitalize() for m in _MONTHS}


def money(text: str, *, targets_only: bool = False) -> list[Decimal]:
    """Amounts of money written in the text ("$1,450.00", "200 dollars"); ``targets_only`` skips "above $X"."""
    out = []
    for m in _MONEY.finditer(text):
        if targets_only and _NOT_TARGET.search(text[max(0, m.start() - 20):m.start()]):
            continue
        try:
            out.append(Decimal((m[1] or m[2]).replace(",", "")))
        except InvalidOperation:
            continue
    return out


def _year_for(month: int, day: int, as_of: date) -> date | None:
    """A day written without a year: the one within half a year of as_of (past charges, coming visits)."""
    for year in (as_of.year, as_of.year + 1, as_of.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if abs((candidate - as_of).days) <= 183:
            return candidate
    return None


def dates(text: str, as_of: date) -> list[tuple[int, date]]:
    """Days the text names, with where: "Jan 20", "20 January 2026", "2026-01-20", "the 28th", "next Friday"."""
    out = []
    for m in _DATE.finditer(text):
        day = None
        try:
            if m["iso"]:
                day = date.fromisoformat(m["iso"])
            elif m["m1"] or m["m2"]:
                month, d, year = (_MONTHS[(m["m1"] or m["m2"]).lower()], int(m["d1"] or m["d2"]), m["y1"] or m["y2"])
                day = date(int(year), month, d) if year else _year_for(month, d, as_of)
            elif m["d3"]:
                d = int(m["d3"])
                for k in range(0, 3):
                    month, year = (as_of.month + k - 1) % 12 + 1, as_of.year + (as_of.month + k - 1) // 12
                    try:
                        candidate = date(year, month, d)
                    except ValueError:
                        continue
                    if candidate > as_of:
                        day = candidate
                        break
            elif m["rel"]:
                day = as_of + timedelta(days=1 if m["rel"].lower() == "tomorrow" else -1)
            elif m["wd"] and m["dir"].lower() == "last":
                back = (as_of.weekday() - _WEEKDAYS.index(m["wd"].lower()) - 1) % 7 + 1
                day = as_of - timedelta(days=back)
            elif m["wd"]:
                ahead = (_WEEKDAYS.index(m["wd"].lower()) - as_of.weekday() - 1) % 7 + 1
                day = as_of + timedelta(days=ahead)
        except ValueError:
            day = None
        if day is not None:
            out.append((m.start(), day))
    return out


def times(text: str) -> list[time]:
    out = []
    for m in _TIME.finditer(text):
        if m["noon"]:
            out.append(time(12))
            continue
        hour, minute = (int(m["h"]), int(m["m"] or 0)) if m["h"] else (int(m["h24"]), int(m["m24"]))
        if m["ap"]:
            hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
        if hour < 24 and minute < 60:
            out.append(time(hour, minute))
    return out


def _names(text: str) -> list[str]:
    """Capitalised names in the text (not sentence openers, weekdays or months): "Acme Rockets", "Emma Lee"."""
    out = []
    for m in _NAME.finditer(text):
        words = [w for w in m[0].split() if w.rstrip(".,") not in _NOT_NAMES]
        if words:
            out.append(" ".join(words).rstrip(".,'’"))
    return out


# Record items a message names.

_GENERIC = frozenset("bill payment payments card the and of purchase market house care clinic center centre plan "
                     "loan".split())


def _values(persona: PersonaBase, attribute: str) -> list[str]:
    """Every distinct value of ``attribute`` on the items of the persona's lists (merchants, payees, medications)."""
    seen: dict[str, None] = {}
    for name in type(persona).model_fields:
        items = getattr(persona, name)
        if isinstance(items, tuple):
            for item in items:
                value = getattr(item, attribute, None)
                if isinstance(value, str):
                    seen.setdefault(value)
    return list(seen)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.casefold()))


def named(values: Iterable[str], text: str) -> list[str]:
    """The values the text names: whole ("Green Basket Market"), or by a distinctive word ("Lisinopril", "rent")."""
    folded, words = text.casefold(), _words(text)
    whole = [v for v in values if v.casefold() in folded]
    if whole:
        return whole
    return [v for v in values if any(len(w) >= 3 and w not in _GENERIC and w in words for w in _words(v))]


def _context(persona: PersonaBase, message: str, history: Sequence[dict]) -> list[str]:
    """Where to look for an item the message leaves unnamed: the message, then earlier user turns, then the
    scenario (why the customer got in touch)."""
    earlier = [m.get("content") for m in reversed(history) if m.get("role") == "user" and isinstance(m.get("content"), str)]
    texts = [message, *(t[:MAX_MESSAGE] for t in earlier[:EARLIER_TURNS])]
    if persona.scenario is not None:
        texts.append(persona.scenario.summary)
    return texts


def _first(values: Iterable[str], texts: Sequence[str]) -> str | None:
    """The one value the first text naming any of them names (None when it names several: ask which)."""
    values = list(dict.fromkeys(values))
    for text in texts:
        found = named(values, text)
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


# Argument resolvers: one per action, reading message, context and record.

Resolved = dict[str, Any]


def _account(word: str) -> str:
    return "savings" if word.lower().startswith("sav") else "checking"


_TO = re.compile(r"\b(?:to|into|in)\s+(?:my\s+|the\s+)?(savings?|checking|current)\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:my\s+|the\s+)?(savings?|checking|current)\b", re.IGNORECASE)


def _charge(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    merchants = _values(p, "merchant")
    unknown = [n for n in _names(message) if not named(merchants, n)]
    for n, text in enumerate(texts):
        found = named(merchants, text)
        if not found:
            if n == 0 and unknown:  # "the Acme Rockets charge": a merchant this record never paid
                return {"merchant": unknown[0]}
            continue
        merchant = found[0]
        out: Resolved = {"merchant": merchant}
        amounts = set(money(text))
        days = {d for _, d in dates(text, p.as_of)}
        charges = [t for t in p.transactions if t.merchant == merchant and t.amount < 0]
        by_amount = [t for t in charges if -t.amount in amounts]
        by_day = [t for t in (by_amount or charges) if t.date in days]
        pick = by_day or by_amount
        if len(charges) > 1 and pick:
            out.update(amount=str(-pick[0].amount), date=pick[0].date.isoformat())
        return out
    return {"merchant": unknown[0]} if unknown else {}


def _transfer(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    to, frm = _TO.search(message), _FROM.search(message)
    out: Resolved = {}
    if to:
        out["to_account"] = _account(to[1])
        out["from_account"] = out.get("from_account") or ("checking" if out["to_account"] == "savings" else "savings")
    if frm:
        out["from_account"] = _account(frm[1])
        if not to:
            out["to_account"] = "checking" if out["from_account"] == "savings" else "savings"
    amounts = money(message, targets_only=True)
    if amounts:
        out["amount"] = str(amounts[0])
    else:
        bare = re.search(r"\b(?:move|transfer|put|send|shift)\s+(\d[\d,]*(?:\.\d{1,2})?)\b", message, re.IGNORECASE)
        bill = _first([x.payee for x in p.pending_payments], [message]) if hasattr(p, "pending_payments") else None
        if bare:
            out["amount"] = bare[1].replace(",", "")
        elif bill is not None:
            out["amount"] = str(next(x.amount for x in p.pending_payments if x.payee == bill))
            out.setdefault("from_account", "savings")
            out.setdefault("to_account", "checking")
    return out


def _bill(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    payees = [x.payee for x in p.pending_payments]
    aliases = {**{x: x for x in payees}, **{f"{x} card": x for x in payees if x.startswith("Credit card")}}
    found = _first(payees, texts) or _first(list(aliases), texts)
    return {"payee": aliases.get(found, found)} if found else {}


def _move_bill(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out = _bill(p, message, texts)
    named_days = [d for _, d in dates(message, p.as_of)]
    bill = next((x for x in p.pending_payments if x.payee == out.get("payee")), None)
    later = [d for d in named_days if bill is None or d != bill.due_date]
    shift = _SHIFT.search(message)
    if later:
        out["new_date"] = later[-1].isoformat()
    elif shift and bill is not None:
        n = int(shift["n"] or shift["n2"] or 1)
        unit = (shift["unit"] or shift["unit2"]).lower()
        out["new_date"] = (bill.due_date + timedelta(days=n * (7 if unit.startswith("week") else 1))).isoformat()
    return out


_PLACE = re.compile(r"\b(?:to|in|visiting|for|at)\s+((?:[A-Z][\w'’.-]+\s?){1,3})")


def _trip(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out: Resolved = {}
    for m in _PLACE.finditer(message):
        place = " ".join(w for w in m[1].split() if w.rstrip(".,") not in _NOT_NAMES).strip(" .,")
        if place and not re.match(rf"(?i)(?:{_MONTH})\b", place):
            out["destination"] = place
            break
    days = sorted(d for _, d in dates(message, p.as_of))
    if len(days) >= 2:
        out.update(start=days[0].isoformat(), end=days[-1].isoformat())
    return out


def _subscription(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    subs = list(dict.fromkeys(t.merchant for t in p.transactions if t.category == "Subscriptions"))
    found = _first(subs, texts[:1]) or _first(_values(p, "merchant"), texts[:1])
    if found:
        return {"merchant": found}
    unknown = _names(message)
    if unknown:
        return {"merchant": unknown[0]}
    found = _first(subs, texts[1:])
    return {"merchant": found} if found else {}


def _limit(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    wanted = [a for a in money(message, targets_only=True) if a > 0]
    return {"new_limit": str(wanted[-1])} if wanted else {}


def _search(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out: Resolved = {}
    merchant = _first(_values(p, "merchant"), [message])
    if merchant:
        out["merchant"] = merchant
    days = sorted(d for _, d in dates(message, p.as_of))
    if len(days) >= 2:
        out.update(start=days[0].isoformat(), end=days[-1].isoformat())
    elif days:
        out.update(start=days[0].isoformat(), end=days[0].isoformat())
    over = re.search(r"\b(?:over|above|more than|at least)\s+[$€£]?\s?(\d[\d,]*(?:\.\d{1,2})?)", message, re.IGNORECASE)
    if over:
        out["min_amount"] = over[1].replace(",", "")
    return out


_POLICY_NUMBER = re.compile(r"\b[A-Z]{3}-[A-Z]{2}-\d{8}\b")
_KIND_WORDS = {"auto": "auto", "car": "auto", "vehicle": "auto", "home": "home", "house": "home", "renters": "renters",
               "renter": "renters", "apartment": "renters", "pet": "pet", "dog": "pet", "cat": "pet",
               "umbrella": "umbrella", "life": "life"}


def _policy(p: PersonaBase, texts: Sequence[str]) -> str | None:
    for text in texts:
        number = _POLICY_NUMBER.search(text)
        if number:
            return number[0]
        kinds = [_KIND_WORDS[w] for w in re.findall(r"[a-z]+", text.casefold()) if w in _KIND_WORDS]
        held = [k for k in kinds if any(x.kind == k for x in p.policies)]
        if held:
            return held[0]
        if kinds:
            return kinds[0]
    return None


_INCIDENT = re.compile(r"\b(?:claim|file|report)\b[^.?!]{0,60}?(?:\b(?:for|about)\s+|:\s*)(?:a\s+|an\s+|the\s+|some\s+)?"
                       r"(?P<what>[a-z][a-z' -]{2,40}?)(?=\s+(?:on|to|under|of|from|at|worth|costing|that|which)\b|"
                       r"[.,?!;:]|$)", re.IGNORECASE)


def _claim_new(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out: Resolved = {}
    policy = _policy(p, [message]) or (p.policies[0].policy_number if len(p.policies) == 1 else None)
    what = _INCIDENT.search(message)
    if what and what["what"].split()[0].lower() not in ("my", "policy"):
        out["description"] = what["what"].strip()
    if policy is None and what:
        policy = _policy(p, [what["what"]])
    if policy:
        out["policy"] = policy
    amounts = money(message)
    if amounts:
        out["amount"] = str(amounts[0])
    return out


_AGE = re.compile(r"\b(?:aged?\s+)?(\d{2})(?:\s*(?:years?\s*old|yo|y/o))?\b")


def _driver(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out: Resolved = {}
    names = _names(message)
    if names:
        out["name"] = names[0]
    for m in _AGE.finditer(message):
        if 16 <= int(m[1]) <= 100 and not re.match(r"\d{4}", message[m.start(1):m.start(1) + 4]):
            out["age"] = int(m[1])
            break
    policy = _POLICY_NUMBER.search(message)
    if policy:
        out["policy"] = policy[0]
    return out


_ITEM = re.compile(r"\b(?:my|a|an|the)\s+(?:new\s+)?(?P<item>[a-z][a-z -]{1,30}?)(?:\s*(?=[(,$€£])|\s+(?=worth|valued|"
                   r"that|which|for|to|on|under|at)\b)", re.IGNORECASE)


def _item(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out: Resolved = {}
    m = _ITEM.search(message)
    # "my home policy", "my insurance": the policy itself (what the industry calls its record), not an item
    if m and m["item"].split()[0].lower() not in ("policy", "home", "renters", *get_industry(p.mode).record_names):
        out["item"] = m["item"].strip()
    amounts = money(message)
    if amounts:
        out["value"] = str(amounts[0])
    policy = _policy(p, [message])
    if policy in ("home", "renters") or (policy and _POLICY_NUMBER.fullmatch(policy)):
        out["policy"] = policy
    return out


def _premium_date(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    days = [d for _, d in dates(message, p.as_of) if d != p.next_premium_due]
    return {"new_date": days[-1].isoformat()} if days else {}


_CLAIM_ID = re.compile(r"\bCLM-?\s?(\d{7})\b", re.IGNORECASE)


def _claim(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    for text in texts:
        m = _CLAIM_ID.search(text)
        if m:
            return {"claim_id": f"CLM-{m[1]}"}
    pending = [c for c in p.claims if c.status == "pending"]
    if len(pending) == 1:
        return {"claim_id": pending[0].claim_id}
    return {}


def _medication(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    found = _first([rx.medication for rx in p.prescriptions], texts)
    if found:
        return {"medication": found}
    unknown = [n for n in _names(message) if n.lower() not in ("dr",)]
    if unknown:
        return {"medication": unknown[0]}
    if len(p.prescriptions) == 1:
        return {"medication": p.prescriptions[0].medication}
    return {}


_SPECIALTY = re.compile(r"\b(?:book|schedule|make|get|set up|need)\s+(?:me\s+)?(?:in\s+)?(?:for\s+)?(?:an?\s+|my\s+|the\s+|"
                        r"another\s+)?(?:new\s+)?(?P<what>[a-z][a-z -]{2,30}?)\s+(?:appointment|visit|check-?up|"
                        r"consultation|exam)\b|\b(?:with|see)\s+(?:a\s+|an\s+|the\s+|my\s+)?(?P<who>[a-z][a-z ]{2,30}?)(?=\s+(?:on|at|"
                        r"for|next|this|tomorrow)\b|[.,?!]|$)", re.IGNORECASE)


_FILLER = frozenset("me a an the my new another in for".split())


def _book(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out: Resolved = {}
    m = _SPECIALTY.search(message)
    what = " ".join(w for w in ((m["what"] or m["who"]) if m else "").split() if w.lower() not in _FILLER)
    if what and what.lower() not in ("doctor", "doctor's"):
        out["specialty"] = what
    elif re.search(r"\b(?:check-?up|physical|my doctor|gp|the doctor|a doctor)\b", message, re.IGNORECASE):
        out["specialty"] = "primary care"
    days = [d for _, d in dates(message, p.as_of)]
    at = times(message)
    if days:
        out["date"] = days[0].isoformat()
    if at:
        out["time"] = at[0].strftime("%H:%M")
    return out


def _which(p: PersonaBase, message: str, texts: Sequence[str]) -> tuple[Resolved, list[date]]:
    """The appointment a message (or the turns before it) points at, and the days it names besides.

    A doctor seen several times is narrowed by a day an earlier turn (or the scenario) names.
    """
    booked = {x.date for x in p.appointments}
    out: Resolved = {}
    others: list[date] = []
    for _, d in dates(message, p.as_of):
        if d in booked and "appointment_date" not in out:
            out["appointment_date"] = d.isoformat()
        else:
            others.append(d)
    provider = _first([x.provider for x in p.appointments], texts if "appointment_date" not in out else [message])
    if provider:
        out["provider"] = provider
    if "appointment_date" not in out and (provider is None or [x.provider for x in p.appointments].count(provider) > 1):
        for text in texts[1:]:
            days = [d for _, d in dates(text, p.as_of)
                    if any(x.date == d and provider in (None, x.provider) for x in p.appointments)]
            if days:
                out["appointment_date"] = days[0].isoformat()
                break
    return out, others


def _move_visit(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    out, others = _which(p, message, texts)
    at = times(message)
    if others:
        out["new_date"] = others[-1].isoformat()
    if at:
        out["new_time"] = at[-1].strftime("%H:%M")
    return out


def _cancel_visit(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    return _which(p, message, texts)[0]


_PHONE = re.compile(r"\+?\(?\d[\d ().-]{6,18}\d")
_US_ADDRESS = re.compile(r"(?P<street>\d+[^,]{2,40}),\s*(?P<city>[A-Za-z .'-]{2,30}),\s*(?P<region>[A-Z]{2})\s+(?P<postcode>\d{5})")
_EU_ADDRESS = re.compile(r"(?P<street>[^,]{3,40}\d[^,]{0,10}),\s*(?:(?P<postcode>[A-Z0-9]{2,5}(?: ?[A-Z0-9]{3})?)\s+)?"
                         r"(?P<city>[A-Za-zÀ-ÿ .'-]{2,30})(?:\s+(?P<postcode2>[A-Z0-9]{2,4} ?[A-Z0-9]{3}))?")


def _phone(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    m = _PHONE.search(message)
    return {"phone": m[0].strip()} if m else {}


def _address(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    m = _US_ADDRESS.search(message) if p.locale == "en_US" else _EU_ADDRESS.search(message)
    if not m:
        return {}
    parts = m.groupdict()
    out = {"street": parts["street"].strip(), "city": parts["city"].strip(),
           "postcode": (parts.get("postcode") or parts.get("postcode2") or "").strip()}
    if parts.get("region"):
        out["region"] = parts["region"]
    return out if out["postcode"] else {}


def _nothing(p: PersonaBase, message: str, texts: Sequence[str]) -> Resolved:
    return {}


RESOLVERS = {
    "freeze_card": _nothing, "unfreeze_card": _nothing, "dispute_transaction": _charge, "transfer": _transfer,
    "pay_bill": _bill, "reschedule_bill": _move_bill, "add_travel_notice": _trip,
    "cancel_subscription": _subscription, "request_credit_limit_increase": _limit,
    "search_transactions": _search, "file_claim": _claim_new, "add_driver": _driver, "add_item": _item,
    "change_premium_date": _premium_date, "request_claim_update": _claim, "claim_details": _claim,
    "request_refill": _medication, "book_appointment": _book, "move_appointment": _move_visit,
    "cancel_appointment": _cancel_visit, "prescription_details": _medication,
    "update_phone": _phone, "update_address": _address,
}
"""How each action's arguments are read from a conversation, by action name; an action without one is
recognised but its arguments are asked for."""

_ASK = {
    "merchant": "which charge (the merchant, and its amount or date)", "amount": "how much",
    "from_account": "from which account", "to_account": "to which account", "payee": "which bill",
    "new_date": "to which date", "destination": "where you are going", "start": "the first day of the trip",
    "end": "the last day of the trip", "policy": "which policy", "description": "what happened",
    "name": "the driver's full name", "age": "the driver's age", "item": "what the item is",
    "value": "what it is worth", "claim_id": "which claim (its CLM- number)", "medication": "which medication",
    "specialty": "which kind of appointment (primary care, dermatology, …)", "date": "which day",
    "time": "what time", "new_time": "what time", "phone": "the new phone number",
    "street": "the new address (street, city, state and ZIP code)", "city": "the city",
    "postcode": "the postcode",
}


def _missing(action: Action, args: Resolved) -> list[str]:
    required = action.arguments.model_json_schema().get("required", [])
    return [f for f in required if f not in args]


def _clarify(action: Action, missing: Sequence[str]) -> str:
    asks = list(dict.fromkeys(_ASK.get(f, f.replace("_", " ")) for f in missing))
    wanted = asks[0] if len(asks) == 1 else ", ".join(asks[:-1]) + " and " + asks[-1]
    return f"I can do that ({action.description[0].lower()}{action.description[1:-1]}). Please tell me {wanted}."


def plan_action(persona: PersonaBase, message: str, history: Sequence[dict] = (),
                pending: Proposal | None = None) -> ActionPlan | None:
    """The plan for an action request in ``message`` (with ``history``, earlier turns as chat messages),
    or None when the message asks for no action (the reply is then planned as a question).

    With a ``pending`` proposal, "yes" plans "confirm" and "no" plans "cancel"; anything else is read
    as a new message (a new request replaces the proposal; a question leaves it waiting). Nothing here
    changes the record: ``respond`` (or the caller's ``Ledger``) runs a confirmation.
    """
    message = message[:MAX_MESSAGE]
    if pending is not None:
        if is_yes(message):
            return ActionPlan("confirm", pending.action, pending.arguments.model_dump(mode="json"), proposal=pending)
        if is_no(message):
            return ActionPlan("cancel", pending.action, text="All right, I haven't changed anything.")
    action = recognise(persona, message)
    if action is None:
        return None
    resolver = RESOLVERS.get(action.name, _nothing)
    args = resolver(persona, message, _context(persona, message, history))
    missing = _missing(action, args)
    if missing:
        return ActionPlan("clarify", action.name, args, _clarify(action, missing))
    try:
        answer = call(persona, action.name, args)
    except ActionError as exc:
        return ActionPlan("clarify", action.name, args, f"I couldn't read that request: {exc}.")
    if isinstance(answer, Refusal):  # a reason that is a question asks for a detail ("which one?")
        return ActionPlan("clarify" if answer.reason.endswith("?") else "refuse", action.name, args, answer.reason)
    if isinstance(answer, Reading):
        return ActionPlan("read", action.name, args, answer.text)
    return ActionPlan("propose", action.name, answer.arguments.model_dump(mode="json"), answer.text, answer)


def done_text(outcome: Outcome) -> str:
    """What the customer is told once an action ran: its result and its reference."""
    return f"Done. {outcome.result} Your reference is {outcome.reference}."


def respond(ledger: Ledger, message: str, history: Sequence[dict] = ()) -> tuple[Ledger, ActionPlan | None]:
    """Plan the message against the ledger and carry it out: propose (pending), confirm (run), or cancel.

    The ledger after, and the plan (None: no action asked). A confirmation the record no longer
    allows becomes a "refuse" plan; only a pending proposal ever runs.
    """
    plan = plan_action(ledger.persona, message, history, ledger.pending)
    if plan is None:
        return ledger, None
    if plan.kind == "confirm":
        try:
            ledger, outcome = ledger.confirm()
        except RefusedError as exc:
            return ledger.cancel(), replace(plan, kind="refuse", text=exc.reason)
        return ledger, replace(plan, outcome=outcome, text=done_text(outcome))
    if plan.kind == "cancel":
        return ledger.cancel(), plan
    if plan.kind == "propose":
        ledger, proposal = ledger.call(plan.action, plan.arguments)
        return ledger, replace(plan, proposal=proposal)
    return ledger, plan


__all__ = ["ActionPlan", "RESOLVERS", "dates", "done_text", "is_no", "is_yes", "money", "plan_action", "recognise",
           "respond", "times"]
