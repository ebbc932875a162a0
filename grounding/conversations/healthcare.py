"""Healthcare conversations: who the next visit is with, plan summaries, medication and provider lookups."""

from __future__ import annotations

from persona.industries.healthcare import HealthcarePersona

from ..matchers import Amount, AnyOf, Count, Day, Text, dosage, person
from . import Template, after_greeting, other_language, recall, register, summary

MODE = "healthcare"


def _follow_ups(p: HealthcarePersona):
    out = [
        (("What's my deductible?", "And how much of it have I met?"), "How much of my deductible have I met?",
         recall(Amount(p.deductible_met))),
        (("What's my out-of-pocket maximum?", "And how much have I spent so far?"),
         "How much have I spent out of pocket so far?", recall(Amount(p.out_of_pocket_spent))),
    ]
    if p.appointments:
        first = p.appointments[0]
        out.append((("When is my next appointment?", "Who is it with?"), "Who is my next appointment with?",
                    recall(person(first.provider))))
        clinic = first.location.split(",")[0]
        out.append((("When is my next appointment?", "Where is it?"), "Where is my next appointment?",
                    recall(Text(clinic))))
    if p.prescriptions:
        rx = p.prescriptions[0]
        out.append((("What prescriptions do I have?", "What's the dosage of the first one?"),
                    f"What's the dosage of my {rx.medication}?", recall(dosage(rx.dosage))))
    return out


_SUMMARIES = ("Summarize my health plan for me.", "Give me an overview of my coverage.",
              "Can you give me a summary of my plan and prescriptions?", "Tell me everything you have on me.")


def _summaries(p: HealthcarePersona):
    expect = [Text(p.plan_name), Amount(p.deductible), Amount(p.deductible_met), Amount(p.out_of_pocket_max),
              Amount(p.out_of_pocket_spent), person(p.primary_care_provider), Text(p.member_id),
              *(Day(a.date) for a in p.appointments[:1]),
              *(m for rx in p.prescriptions for m in (Text(rx.medication), dosage(rx.dosage)))]
    return [(after_greeting(i, probe), probe, summary(expect)) for i, probe in enumerate(_SUMMARIES)]


def _medication_lookups(p: HealthcarePersona):
    out = []
    for i, rx in enumerate(p.prescriptions):
        probe, score = ((f"How many refills do I have left on my {rx.medication}?", recall(Count(rx.refills_left))),
                        (f"What dose of {rx.medication} am I on?", recall(dosage(rx.dosage))),
                        (f"Who prescribed my {rx.medication}?", recall(person(rx.prescriber))))[i % 3]
        out.append((after_greeting(i, probe), probe, score))
    return out


def _provider_lookups(p: HealthcarePersona):
    by_provider: dict[str, list] = {}
    for a in p.appointments:
        by_provider.setdefault(a.provider, []).append(a)
    out = []
    for i, (provider, visits) in enumerate(by_provider.items()):
        surname = "Dr. " + provider.split()[-1]
        probe, score = ((f"When is my appointment with {provider}?", recall(AnyOf(tuple(Day(a.date) for a in visits)))),
                        (f"When do I see {surname}?", recall(AnyOf(tuple(Day(a.date) for a in visits)))),
                        (f"Where is my appointment with {provider}?",
                         recall(AnyOf(tuple(Text(a.location.split(",")[0]) for a in visits)))))[i % 3]
        out.append((after_greeting(i, probe), probe, score))
    return out


def _language(locale: str):
    questions = {"de_DE": (("Wie hoch ist meine Selbstbeteiligung?", "deductible"),
                           ("Wie viel habe ich bisher aus eigener Tasche bezahlt?", "oop")),
                 "fr_FR": (("Quel est le montant de ma franchise ?", "deductible"),
                           ("Combien ai-je déjà payé de ma poche ?", "oop"))}[locale]
    greeting = {"de_DE": "Guten Tag!", "fr_FR": "Bonjour !"}[locale]

    def build(p: HealthcarePersona):
        expect = {"deductible": Amount(p.deductible), "oop": Amount(p.out_of_pocket_spent)}
        return [((greeting, text), text, other_language(p, locale[:2], expect[what])) for text, what in questions]

    return build


register(MODE, "follow_up", Template("follow-up", _follow_ups))
register(MODE, "summary", Template("plan summary", _summaries))
register(MODE, "lookup", Template("medication", _medication_lookups), Template("provider", _provider_lookups))
register(MODE, "language", Template("German", _language("de_DE"), "de_DE"), Template("French", _language("fr_FR"), "fr_FR"))
