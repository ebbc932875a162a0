"""Insurance conversations: "the second one" of a policy list, premiums after due dates, claim-number lookups."""

from __future__ import annotations

from persona.industries.insurance import InsurancePersona

from ..matchers import Amount, AnyOf, Count, Day, Text
from . import Template, after_greeting, other_language, recall, register, summary

MODE = "insurance"


def _policy_figures(x) -> tuple:
    return (Amount(x.coverage), Amount(x.monthly_premium), Text(x.policy_number), Day(x.renewal_date),
            *((Amount(x.deductible),) if x.deductible > 0 else ()))


def _follow_ups(p: InsurancePersona):
    out = [
        (("When is my next premium due?", "And how much is it?"), "How much is my next premium?",
         recall(Amount(p.monthly_premium))),
        (("How many claims have I filed?", "How many of them are still pending?"), "How many pending claims do I have?",
         recall(Count(p.pending_claims, noun="claim"))),
    ]
    with_deductible = [x for x in p.policies if x.deductible > 0]
    for x in with_deductible[:1]:
        out.append(((f"What's my {x.kind} deductible?", "And the coverage?"), f"What's the coverage on my {x.kind} policy?",
                    recall(Amount(x.coverage))))
    if len(p.policies) >= 2:
        second = p.policies[1]
        out.append((("What policies do I have?", "What about the second one?"),
                    f"Tell me about my {second.kind} policy.", recall(AnyOf(_policy_figures(second)))))
    if p.claims:
        latest = p.claims[0]
        out.append((("What's my latest claim?", "What's its status?"), "What's the status of my latest claim?",
                    recall(Text(latest.status))))
    return out


_SUMMARIES = ("Give me an overview of my policies.", "Tell me everything about my policies and claims.",
              "Can you summarize my insurance?", "What's the big picture on my coverage?")


def _summaries(p: InsurancePersona):
    expect = [Amount(p.monthly_premium), Amount(p.total_coverage), Day(p.next_premium_due),
              *(m for x in p.policies for m in _policy_figures(x)),
              *(m for c in p.claims[:3] for m in (Text(c.claim_id), Amount(c.amount)))]
    return [(after_greeting(i, probe), probe, summary(expect)) for i, probe in enumerate(_SUMMARIES)]


def _claim_lookups(p: InsurancePersona):
    out = []
    for i, c in enumerate(p.claims):
        probe, score = ((f"What's the status of claim {c.claim_id}?", recall(Text(c.status))),
                        (f"How much was claim {c.claim_id} for?", recall(Amount(c.amount))),
                        (f"When did I file claim {c.claim_id}?", recall(Day(c.date))))[i % 3]
        out.append((after_greeting(i, probe), probe, score))
    return out


def _policy_lookups(p: InsurancePersona):
    out = []
    for i, x in enumerate(p.policies):
        probe, score = ((f"What's the coverage on policy {x.policy_number}?", recall(Amount(x.coverage))),
                        (f"When does policy {x.policy_number} renew?", recall(Day(x.renewal_date))))[i % 2]
        out.append((after_greeting(i, probe), probe, score))
    return out


def _language(locale: str):
    questions = {"de_DE": (("Wie hoch ist meine monatliche Prämie?", "premium"),
                           ("Wann ist meine nächste Prämie fällig?", "due")),
                 "fr_FR": (("Quel est le montant de ma prime mensuelle ?", "premium"),
                           ("Quand est due ma prochaine prime ?", "due"))}[locale]
    greeting = {"de_DE": "Hallo!", "fr_FR": "Bonjour !"}[locale]

    def build(p: InsurancePersona):
        expect = {"premium": Amount(p.monthly_premium), "due": Day(p.next_premium_due)}
        return [((greeting, text), text, other_language(p, locale[:2], expect[what])) for text, what in questions]

    return build


register(MODE, "follow_up", Template("follow-up", _follow_ups))
register(MODE, "summary", Template("policy summary", _summaries))
register(MODE, "lookup", Template("claim number", _claim_lookups), Template("policy number", _policy_lookups))
register(MODE, "language", Template("German", _language("de_DE"), "de_DE"), Template("French", _language("fr_FR"), "fr_FR"))
