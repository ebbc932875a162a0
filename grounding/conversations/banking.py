"""Banking conversations: balances that lean on the turn before, account summaries, merchant and bill lookups."""

from __future__ import annotations

from persona import Formatter
from persona.industries.banking import BankingPersona

from ..matchers import Amount, AnyOf, Count, Day, Text
from . import Template, after_greeting, other_language, recall, register, summary

MODE = "banking"


def _purchases(p: BankingPersona) -> list:
    return [t for t in p.transactions if t.amount < 0]


def _follow_ups(p: BankingPersona):
    out = [
        (("What's my checking balance?", "And my savings?"), "What's my savings balance?",
         recall(Amount(p.savings_balance))),
        (("How much do I have in savings?", "what about checking?"), "What's my checking balance?",
         recall(Amount(p.checking_balance))),
        (("What's my credit card limit?", "And how much of it have I used?"),
         "How much of my credit card limit have I used?", recall(Amount(p.credit_used))),
    ]
    if p.pending_payments:
        first = p.pending_payments[0]
        out.append((("What's my next bill?", "When is that due?"), "When is my next bill due?",
                    recall(Day(first.due_date))))
    if len(p.pending_payments) >= 2:
        second = p.pending_payments[1]
        out.append((("What bills do I have coming up?", "What about the second one?"),
                    "What's my second upcoming payment?", recall(AnyOf((Amount(second.amount), Day(second.due_date))))))
    if _purchases(p):
        last = _purchases(p)[0]
        out.append((("What was my last purchase?", "How much was it?"), "How much was my last purchase?",
                    recall(Amount(-last.amount))))
    return out


_SUMMARIES = ("Can you summarize my account?", "Give me an overview of my accounts.",
              "Tell me everything about my finances with you.", "What's the big picture on my accounts?")


def _summaries(p: BankingPersona):
    expect = [Amount(p.checking_balance), Amount(p.savings_balance), Amount(p.credit_used), Amount(p.credit_limit),
              Amount(p.available_credit), Count(p.credit_score), Amount(p.monthly_spending),
              *(Amount(x.amount) for x in p.pending_payments[:1])]
    return [(after_greeting(i, probe), probe, summary(expect)) for i, probe in enumerate(_SUMMARIES)]


def _merchant_lookups(p: BankingPersona):
    by_merchant: dict[str, list] = {}
    for t in _purchases(p):
        by_merchant.setdefault(t.merchant, []).append(t)
    out = []
    for i, (merchant, bought) in enumerate(by_merchant.items()):
        amounts = [-t.amount for t in bought]
        expect = AnyOf((*(Amount(a) for a in amounts), Amount(sum(amounts))))
        probe = (f"What did I spend at {merchant}?", f"How much did I pay {merchant} recently?",
                 f"Show me my purchases at {merchant}.")[i % 3]
        out.append((after_greeting(i, probe), probe, recall(expect)))
    return out


def _bill_lookups(p: BankingPersona):
    out = []
    for i, x in enumerate(p.pending_payments):
        if i % 2:
            probe, score = f"When is my {x.payee.lower()} due, and how much is it?", recall(Amount(x.amount), Day(x.due_date))
        else:
            probe, score = f"How much is my {x.payee.lower()}?", recall(Amount(x.amount))
        out.append((after_greeting(i, probe), probe, score))
    return out


def _date_lookups(p: BankingPersona):
    fmt = Formatter(p.locale)
    days: dict = {}
    for t in _purchases(p):
        days.setdefault(t.date, []).append(t)
    return [(after_greeting(i, f"What did I buy on {fmt.date(day)}?"), f"What did I buy on {fmt.date(day)}?",
             recall(AnyOf(tuple(Text(t.merchant) for t in bought)))) for i, (day, bought) in enumerate(days.items())]


def _language(locale: str):
    questions = {"de_DE": (("Wie hoch ist mein Kontostand auf dem Girokonto?", "checking"),
                           ("Wie viel Geld habe ich auf meinem Sparkonto?", "savings")),
                 "fr_FR": (("Quel est le solde de mon compte courant ?", "checking"),
                           ("Combien d'argent ai-je sur mon compte épargne ?", "savings"))}[locale]
    greeting = {"de_DE": "Hallo!", "fr_FR": "Bonjour !"}[locale]

    def build(p: BankingPersona):
        amounts = {"checking": p.checking_balance, "savings": p.savings_balance}
        return [((greeting, text), text, other_language(p, locale[:2], Amount(amounts[field])))
                for text, field in questions]

    return build


register(MODE, "follow_up", Template("follow-up", _follow_ups))
register(MODE, "summary", Template("account summary", _summaries))
register(MODE, "lookup", Template("merchant", _merchant_lookups), Template("bill", _bill_lookups),
         Template("date", _date_lookups))
register(MODE, "language", Template("German", _language("de_DE"), "de_DE"), Template("French", _language("fr_FR"), "fr_FR"))
