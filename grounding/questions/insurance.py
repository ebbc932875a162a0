"""Insurance questions: premiums, claims, each held policy's terms, and policies the customer lacks."""

from __future__ import annotations

from typing import get_args

from persona.industries.insurance import InsurancePersona, PolicyKind

from ..matchers import Amount, Count, Day, Text
from . import Kind, Target, not_on_record, register

MODE = "insurance"


def _policies(p: InsurancePersona, with_deductible: bool = False) -> list:
    held = [x for x in p.policies if x.deductible > 0] if with_deductible else list(p.policies)
    return held or list(p.policies)


def _missing_kinds(p: InsurancePersona) -> list[Target]:
    held = {x.kind for x in p.policies}
    return [not_on_record(kind=k) for k in get_args(PolicyKind) if k not in held]


for _kind in (
    Kind("monthly_premium",
         ("How much is my monthly premium?", "What do I pay per month in premiums altogether?",
          "What's my monthly insurance cost?"),
         lambda p: [Target((Amount(p.monthly_premium),))]),
    Kind("next_premium_due",
         ("When is my next premium payment due?", "What's the due date of my next premium?",
          "When do I have to pay my next premium?"),
         lambda p: [Target((Day(p.next_premium_due),))]),
    Kind("pending_claims",
         ("How many pending claims do I have?", "How many of my claims are still open?",
          "Do I have claims that are still pending?"),
         lambda p: [Target((Count(p.pending_claims, noun="claim"),))]),
    Kind("claim_count",
         ("How many claims have I filed in total?", "How many claims are on my record?",
          "How many insurance claims have I made?"),
         lambda p: [Target((Count(len(p.claims), noun="claim"),))]),
    Kind("total_coverage",
         ("What's my total coverage across all my policies?", "How much coverage do I have in total?",
          "What is my combined coverage?"),
         lambda p: [Target((Amount(p.total_coverage),))]),
    Kind("risk_tier",
         ("What risk tier am I in?", "How is my risk rated?",
          "Which risk tier have you put me in?"),
         lambda p: [Target((Text(p.risk_tier),))]),
    Kind("policy_deductible",
         ("What's the deductible on my {kind} policy?", "How much is my {kind} insurance deductible?",
          "What deductible applies to my {kind} coverage?"),
         lambda p: [Target((Amount(x.deductible),), {"kind": x.kind}) for x in _policies(p, with_deductible=True)]),
    Kind("policy_renewal",
         ("When does my {kind} policy renew?", "What's the renewal date of my {kind} insurance?",
          "What date is my {kind} policy up for renewal?"),
         lambda p: [Target((Day(x.renewal_date),), {"kind": x.kind}) for x in _policies(p)]),
    Kind("policy_number",
         ("What's my {kind} policy number?", "Can you give me the number of my {kind} policy?",
          "Which policy number does my {kind} insurance have?"),
         lambda p: [Target((Text(x.policy_number),), {"kind": x.kind}) for x in _policies(p)]),
    Kind("latest_claim_status",
         ("What's the status of my latest claim?", "Has my most recent claim been settled?",
          "Where does my latest claim stand?"),
         lambda p: [Target((Text(p.claims[0].status),))] if p.claims else []),
    Kind("missing_policy",
         ("What's the deductible on my {kind} policy?", "When does my {kind} insurance renew?"),
         _missing_kinds, absent=True),
    Kind("flood_coverage",
         ("How much flood coverage do I have?", "Does my flood insurance cover basement damage, and up to what amount?"),
         lambda p: [not_on_record()], absent=True),
    Kind("travel_policy",
         ("What's my travel insurance policy number?", "When does my travel insurance expire?"),
         lambda p: [not_on_record()], absent=True),
):
    register(MODE, _kind)
