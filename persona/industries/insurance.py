"""Personal insurance: policies, premiums, claims and a risk tier derived from claims."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from ..distributions import Weights, lognormal_money, weighted
from ..facts import fact
from ..locales import Formatter
from ..models import Frozen, NonNegativeMoney, PersonaBase, Table
from ..registry import Draw, Industry, register

PolicyKind = Literal["auto", "home", "renters", "life", "umbrella", "pet"]
ClaimStatus = Literal["pending", "paid", "denied", "closed"]
RiskTier = Literal["low", "moderate", "elevated", "high"]

# kind: (weight, coverage choices, median monthly premium, sigma, deductible choices).
# Coverage limits and deductibles are the round figures insurers offer; premiums are not round.
_POLICIES: dict[str, tuple] = {
    "auto": (40, (50_000, 100_000, 250_000, 300_000, 500_000), 138.0, 0.35, (250, 500, 1000)),
    "home": (26, tuple(range(180_000, 900_001, 15_000)), 118.0, 0.35, (500, 1000, 2500, 5000)),
    "renters": (14, (15_000, 20_000, 30_000, 50_000, 75_000), 16.0, 0.3, (250, 500, 1000)),
    "life": (24, (100_000, 250_000, 500_000, 750_000, 1_000_000), 34.0, 0.5, (0,)),
    "umbrella": (8, (1_000_000, 2_000_000), 31.0, 0.25, (0,)),
    "pet": (10, (5_000, 10_000, 15_000), 44.0, 0.35, (100, 250, 500)),
}
_CLAIM_MEDIAN = {"auto": (3150.0, 0.9), "home": (7800.0, 1.0), "renters": (1850.0, 0.8),
                 "pet": (820.0, 0.7), "umbrella": (24000.0, 0.8)}
_CLAIM_KIND_LABEL = {"auto": "Auto collision", "home": "Home water damage", "renters": "Stolen property",
                     "pet": "Veterinary treatment", "umbrella": "Liability"}
_POLICY_COUNT = Weights({1: 30, 2: 40, 3: 22, 4: 8})
_CLAIM_COUNT = Weights({0: 34, 1: 30, 2: 18, 3: 10, 4: 6, 5: 2})
_SETTLED = Weights({"paid": 76, "denied": 14, "closed": 10})
_PENDING_DAYS = 60
"""Claims filed in the last 60 days may still be open; older ones are settled."""


class Policy(Frozen):
    policy_number: str
    kind: PolicyKind
    coverage: NonNegativeMoney
    monthly_premium: NonNegativeMoney
    deductible: NonNegativeMoney
    term_start: date
    renewal_date: date


class Claim(Frozen):
    claim_id: str
    date: date
    kind: PolicyKind
    description: str
    amount: NonNegativeMoney
    status: ClaimStatus


def risk_tier(claims: tuple[Claim, ...], as_of: date) -> RiskTier:
    """Tier from claims in the last three years: what underwriters look at first."""
    recent = sum(1 for c in claims if (as_of - c.date).days <= 3 * 365 and c.status != "denied")
    return ("low", "moderate", "elevated", "high")[min(recent, 3)]


class InsurancePersona(PersonaBase):
    mode: Literal["insurance"] = "insurance"
    policies: tuple[Policy, ...] = Field(min_length=1)
    total_coverage: NonNegativeMoney
    monthly_premium: NonNegativeMoney
    next_premium_due: date
    claims: tuple[Claim, ...]
    pending_claims: int = Field(ge=0)
    risk_tier: RiskTier

    @model_validator(mode="after")
    def _consistent(self):
        if self.total_coverage != sum(p.coverage for p in self.policies):
            raise ValueError("total_coverage must equal the sum of policy coverages")
        if self.monthly_premium != sum(p.monthly_premium for p in self.policies):
            raise ValueError("monthly_premium must equal the sum of policy premiums")
        if self.pending_claims != sum(c.status == "pending" for c in self.claims):
            raise ValueError("pending_claims must count the pending claims")
        if any(p.renewal_date <= self.as_of or p.term_start > self.as_of for p in self.policies):
            raise ValueError("policies are in force: term started, renewal after as_of")
        if self.next_premium_due <= self.as_of:
            raise ValueError("next premium is due after as_of")
        held = {p.kind for p in self.policies}
        if any(c.date > self.as_of or c.date < self.member_since or c.kind not in held for c in self.claims):
            raise ValueError("claims are past events on policies the customer holds")
        if self.risk_tier != risk_tier(self.claims, self.as_of):
            raise ValueError("risk_tier must follow the claims history")
        return self


def build(d: Draw) -> dict:
    rng, as_of = d.rng, d.as_of
    weights = {k: v[0] for k, v in _POLICIES.items()}
    kinds: list[str] = []
    for _ in range(_POLICY_COUNT.draw(rng)):
        options = {k: w for k, w in weights.items() if k not in kinds
                   and not ({k, *kinds} >= {"home", "renters"})}
        kinds.append(weighted(rng, options))
    tenure = (as_of - d.member_since).days
    policies = []
    for kind in kinds:
        _, coverages, median, sigma, deductibles = _POLICIES[kind]
        premium = median * (1 + max(0, d.identity.age - 40) / 30) if kind == "life" else median
        renewal = as_of + timedelta(days=rng.randint(1, 365))
        policies.append(Policy(
            policy_number=f"BSM-{kind[:2].upper()}-{rng.randrange(10**7, 10**8)}",
            kind=kind, coverage=Decimal(rng.choice(coverages)),
            monthly_premium=lognormal_money(rng, premium, sigma, 5, 2000),
            deductible=Decimal(rng.choice(deductibles)),
            term_start=max(renewal - timedelta(days=365), d.member_since),
            renewal_date=renewal,
        ))
    claimable = [k for k in kinds if k in _CLAIM_MEDIAN]
    claims = []
    if claimable:
        for _ in range(_CLAIM_COUNT.draw(rng)):
            kind = rng.choice(claimable)
            days = rng.randint(0, min(tenure, 6 * 365))
            if days < _PENDING_DAYS:
                status = "pending" if rng.random() < 0.7 else "paid"
            else:
                status = _SETTLED.draw(rng)
            claims.append(Claim(
                claim_id=f"CLM-{rng.randrange(10**6, 10**7)}", date=as_of - timedelta(days=days), kind=kind,
                description=_CLAIM_KIND_LABEL[kind], amount=lognormal_money(rng, *_CLAIM_MEDIAN[kind], 75, 250_000),
                status=status))
    claims.sort(key=lambda c: c.date, reverse=True)
    claims_t = tuple(claims)
    return dict(
        policies=tuple(policies), total_coverage=sum(p.coverage for p in policies),
        monthly_premium=sum(p.monthly_premium for p in policies),
        next_premium_due=as_of + timedelta(days=rng.randint(1, 30)),
        claims=claims_t, pending_claims=sum(c.status == "pending" for c in claims_t),
        risk_tier=risk_tier(claims_t, as_of),
    )


def facts(p: InsurancePersona, fmt: Formatter) -> list:
    out = [
        fact("policy_count", "Active policies", ", ".join(f"{x.kind} ({x.policy_number})" for x in p.policies),
             f"You have {len(p.policies)} active "
             f"{'policy' if len(p.policies) == 1 else 'policies'}: {', '.join(x.kind for x in p.policies)}.",
             ("policies", "policy", "active", "have", "coverage")),
        fact("total_coverage", "Total coverage", fmt.money(p.total_coverage), keywords=("coverage", "covered", "total")),
        fact("monthly_premium", "Monthly premium", fmt.money(p.monthly_premium),
             keywords=("premium", "pay", "month", "monthly", "cost")),
        fact("next_premium_due", "Next premium due", fmt.date(p.next_premium_due),
             f"Your next premium of {fmt.money(p.monthly_premium)} is due on {fmt.date(p.next_premium_due)}.",
             ("next", "due", "premium", "payment", "when")),
        fact("pending_claims", "Pending claims", str(p.pending_claims),
             f"You have {p.pending_claims} pending claim{'s' if p.pending_claims != 1 else ''}.",
             ("pending", "claims", "open", "claim")),
        fact("claim_count", "Claims on record", str(len(p.claims)),
             f"You have {len(p.claims)} claim{'s' if len(p.claims) != 1 else ''} on record.",
             ("claims", "history", "filed")),
        fact("risk_tier", "Risk tier", p.risk_tier, keywords=("risk", "tier", "rating")),
    ]
    for x in p.policies:
        out.append(fact(f"policy_{x.kind}", f"{x.kind.capitalize()} policy",
                        f"{x.policy_number}, coverage {fmt.money(x.coverage)}, deductible {fmt.money(x.deductible)}, "
                        f"premium {fmt.money(x.monthly_premium)}/month, renews {fmt.date(x.renewal_date)}",
                        f"Your {x.kind} policy {x.policy_number} has coverage of {fmt.money(x.coverage)}, a deductible "
                        f"of {fmt.money(x.deductible)}, a premium of {fmt.money(x.monthly_premium)} per month, "
                        f"and renews on {fmt.date(x.renewal_date)}.",
                        (x.kind, "deductible", "renew", "renewal", "policy", "number")))
    if p.claims:
        c = p.claims[0]
        out.append(fact("last_claim", "Latest claim",
                        f"{c.claim_id}, {c.description}, {fmt.money(c.amount)}, {c.status}, filed {fmt.date(c.date)}",
                        f"Your latest claim {c.claim_id} ({c.description}, {fmt.money(c.amount)}) was filed on "
                        f"{fmt.date(c.date)} and is {c.status}.",
                        ("last", "latest", "recent", "claim", "status")))
    return out


def tables(p: InsurancePersona, fmt: Formatter) -> list[Table]:
    return [
        Table(title="Policies", columns=("Policy", "Type", "Coverage", "Deductible", "Premium/mo", "Renews"),
              rows=tuple((x.policy_number, x.kind, fmt.money(x.coverage), fmt.money(x.deductible),
                          fmt.money(x.monthly_premium), fmt.date(x.renewal_date)) for x in p.policies)),
        Table(title="Claims", columns=("Claim", "Date", "Type", "Amount", "Status"),
              rows=tuple((c.claim_id, fmt.date(c.date), c.description, fmt.money(c.amount), c.status)
                         for c in p.claims)),
    ]


register(Industry(
    mode="insurance", label="Insurance", institution="Bluestem Mutual Insurance", order=20,
    role="a policyholder service assistant at Bluestem Mutual Insurance, a fictional insurer",
    model=InsurancePersona, build=build, facts=facts, tables=tables,
    examples=("What policies do I have?", "What's my auto deductible?", "When is my next premium due?",
              "Do I have any pending claims?", "When does my policy renew?"),
))
