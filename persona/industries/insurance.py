"""Personal insurance: policies, premiums, claims and a risk tier derived from claims."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Literal

from pydantic import Field, model_validator

from ..distributions import Weights, cents_to_money, lognormal_cents, lognormal_money, pick, weighted
from ..facts import fact
from ..locales import Formatter
from ..models import Example, Figure, Frozen, NonNegativeMoney, PersonaBase, Table, refs
from ..registry import CardLayout, Draw, Industry, ScenarioKind, Story, register
from ..words import N_

PolicyKind = Literal["auto", "home", "renters", "life", "umbrella", "pet"]
ClaimStatus = Literal["pending", "paid", "denied", "closed"]
RiskTier = Literal["low", "moderate", "elevated", "high"]

# kind: (weight, coverage choices, median monthly premium, sigma, deductible choices).
# Coverage limits and deductibles are the round figures insurers offer; premiums are not round.
_POLICIES: dict[str, tuple] = {
    N_("auto"): (40, (50_000, 100_000, 250_000, 300_000, 500_000), 138.0, 0.35, (250, 500, 1000)),
    N_("home"): (26, tuple(range(180_000, 900_001, 15_000)), 118.0, 0.35, (500, 1000, 2500, 5000)),
    N_("renters"): (14, (15_000, 20_000, 30_000, 50_000, 75_000), 16.0, 0.3, (250, 500, 1000)),
    N_("life"): (24, (100_000, 250_000, 500_000, 750_000, 1_000_000), 34.0, 0.5, (0,)),
    N_("umbrella"): (8, (1_000_000, 2_000_000), 31.0, 0.25, (0,)),
    N_("pet"): (10, (5_000, 10_000, 15_000), 44.0, 0.35, (100, 250, 500)),
}
# Premiums grow with the coverage bought (reference coverage, elasticity): a $1M life policy costs
# more than a $100k one. Life premiums also rise with age, auto premiums for drivers under 25.
_PREMIUM_SCALE = {"auto": (250_000, 0.3), "home": (450_000, 0.8), "renters": (30_000, 0.5),
                  "life": (500_000, 0.9), "umbrella": (1_000_000, 0.5), "pet": (10_000, 0.3)}
# Claim types per policy kind: (description, median amount, sigma). A claim never exceeds the coverage.
_CLAIM_TYPES = {
    "auto": ((N_("Auto collision"), 3150.0, 0.8), (N_("Windshield replacement"), 420.0, 0.3), (N_("Vehicle theft"), 7800.0, 0.7)),
    "home": ((N_("Home water damage"), 7800.0, 0.9), (N_("Storm damage"), 9500.0, 1.0), (N_("Burglary"), 3400.0, 0.8)),
    "renters": ((N_("Stolen property"), 1850.0, 0.8), (N_("Water damage to belongings"), 1400.0, 0.7)),
    "pet": ((N_("Veterinary treatment"), 820.0, 0.7), (N_("Emergency pet surgery"), 3200.0, 0.5)),
    "umbrella": ((N_("Liability"), 24000.0, 0.8),),
}
_UNDERLYING = {"auto", "home", "renters"}
"""An umbrella policy sits on top of one of these: it is never sold alone."""
_POLICY_COUNT = Weights({1: 30, 2: 40, 3: 22, 4: 8})
_CLAIM_COUNT = Weights({0: 34, 1: 30, 2: 18, 3: 10, 4: 6, 5: 2})
_SETTLED = Weights({N_("paid"): 76, N_("denied"): 14, N_("closed"): 10})
PENDING_DAYS = 60
"""Claims filed in the last 60 days may still be open; older ones are settled."""
TERM_DAYS = 365
"""Policies run for one year from term_start and renew on renewal_date."""
RISK_YEARS_DAYS = 3 * 365
"""The risk tier counts the claims (not denied) of the last three years."""


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


def risk_tier(claims, as_of: date) -> RiskTier:
    """Tier from the claims (not denied) of the last three years: what underwriters look at first.

    Takes models or the dicts ``build`` makes.
    """
    recent = 0
    for c in claims:
        day, status = (c["date"], c["status"]) if isinstance(c, dict) else (c.date, c.status)
        recent += (as_of - day).days <= RISK_YEARS_DAYS and status != "denied"
    return (N_("low"), N_("moderate"), N_("elevated"), N_("high"))[min(recent, 3)]


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
        policies, claims = self.policies, self.claims
        if self.total_coverage != sum(p.coverage for p in policies):
            raise ValueError("total_coverage must equal the sum of policy coverages")
        if self.monthly_premium != sum(p.monthly_premium for p in policies):
            raise ValueError("monthly_premium must equal the sum of policy premiums")
        if self.pending_claims != sum(c.status == "pending" for c in claims):
            raise ValueError("pending_claims must count the pending claims")
        kinds = [p.kind for p in policies]
        if len(set(kinds)) != len(kinds) or {"home", "renters"} <= set(kinds):
            raise ValueError("one policy per kind, and never both home and renters")
        if "umbrella" in kinds and not _UNDERLYING & set(kinds):
            raise ValueError("an umbrella policy needs an auto, home or renters policy under it")
        if len({p.policy_number for p in policies}) != len(policies) or len({c.claim_id for c in claims}) != len(claims):
            raise ValueError("policy numbers and claim ids are unique")
        for p in policies:
            if not (self.member_since <= p.term_start <= self.as_of < p.renewal_date
                    and (p.renewal_date - p.term_start).days == TERM_DAYS):
                raise ValueError("policies are in force: a one-year term started during membership, "
                                 "renewal after as_of")
        if self.next_premium_due <= self.as_of:
            raise ValueError("next premium is due after as_of")
        coverage = {p.kind: p.coverage for p in policies}
        for c in claims:
            if c.date > self.as_of or c.date < self.member_since or c.kind not in coverage:
                raise ValueError("claims are past events on policies the customer holds")
            if c.amount > coverage[c.kind]:
                raise ValueError(f"claim {c.claim_id} exceeds the {c.kind} policy's coverage")
            if c.status == "pending" and (self.as_of - c.date).days >= PENDING_DAYS:
                raise ValueError(f"only claims of the last {PENDING_DAYS} days can still be pending")
        if any(a.date < b.date for a, b in zip(claims, claims[1:], strict=False)):
            raise ValueError("claims must be newest first")
        if self.risk_tier != risk_tier(claims, self.as_of):
            raise ValueError("risk_tier must follow the claims history (claims not denied, last three years)")
        return self


def _kinds(rng) -> list[str]:
    """One to four distinct kinds: never home with renters, an umbrella only over auto/home/renters."""
    kinds: list[str] = []
    for _ in range(_POLICY_COUNT.draw(rng)):
        options = {k: spec[0] for k, spec in _POLICIES.items()
                   if k not in kinds and not {k, *kinds} >= {"home", "renters"}
                   and (k != "umbrella" or _UNDERLYING & set(kinds))}
        kinds.append(weighted(rng, options))
    return kinds


def build(d: Draw) -> dict:
    rng, as_of = d.rng, d.as_of
    age = d.identity.age
    tenure = (as_of - d.member_since).days
    kinds = _kinds(rng)
    numbers = rng.sample(range(10**7, 10**8), len(kinds))
    policies = []
    total_coverage = premiums = 0
    for kind, number in zip(kinds, numbers, strict=True):
        _, coverages, median, sigma, deductibles = _POLICIES[kind]
        coverage = pick(rng, coverages)
        reference, elasticity = _PREMIUM_SCALE[kind]
        median *= (coverage / reference) ** elasticity
        if kind == "life":
            median *= 1 + max(0, age - 40) / 30
        elif kind == "auto" and age < 25:
            median *= 1.6
        premium = lognormal_cents(rng, median, sigma, 5, 2000)
        term_start = as_of - timedelta(days=rng.randint(0, min(TERM_DAYS - 1, tenure)))
        total_coverage += coverage
        premiums += premium
        policies.append(dict(
            policy_number=f"BSM-{kind[:2].upper()}-{number}", kind=kind,
            coverage=cents_to_money(coverage * 100), monthly_premium=cents_to_money(premium),
            deductible=cents_to_money(pick(rng, deductibles) * 100),
            term_start=term_start, renewal_date=term_start + timedelta(days=TERM_DAYS),
        ))
    coverage_of = dict(zip(kinds, (p["coverage"] for p in policies), strict=True))
    claimable = [k for k in kinds if k in _CLAIM_TYPES]
    claims = []
    if claimable:
        count = _CLAIM_COUNT.draw(rng)
        for days, claim_id in zip(sorted(rng.randint(0, min(tenure, 6 * 365)) for _ in range(count)),
                                  rng.sample(range(10**6, 10**7), count), strict=True):
            kind = pick(rng, claimable)
            types = _CLAIM_TYPES[kind]
            description, median, sigma = pick(rng, types)
            if days < PENDING_DAYS:
                status = N_("pending") if rng.random() < 0.7 else N_("paid")
            else:
                status = _SETTLED.draw(rng)
            claims.append(dict(
                claim_id=f"CLM-{claim_id}", date=as_of - timedelta(days=days), kind=kind, description=description,
                amount=lognormal_money(rng, median, sigma, 75, float(coverage_of[kind])), status=status))
    return dict(
        policies=policies, total_coverage=cents_to_money(total_coverage * 100),
        monthly_premium=cents_to_money(premiums),
        next_premium_due=as_of + timedelta(days=rng.randint(1, 30)),
        claims=claims, pending_claims=sum(c["status"] == "pending" for c in claims),
        risk_tier=risk_tier(claims, as_of),
    )


def facts(p: InsurancePersona, fmt: Formatter) -> list:
    out = [
        fact("policy_count", N_("Active policies"), ", ".join(f"{x.kind} ({x.policy_number})" for x in p.policies),
             f"You have {len(p.policies)} active "
             f"{'policy' if len(p.policies) == 1 else 'policies'}: {', '.join(x.kind for x in p.policies)}.",
             ("policies", "policy", "active", "have", "coverage")),
        fact("total_coverage", N_("Total coverage"), fmt.money(p.total_coverage), keywords=("coverage", "covered", "total", "combined", "all")),
        fact("monthly_premium", N_("Monthly premium"), fmt.money(p.monthly_premium),
             keywords=("premium", "pay", "month", "monthly", "cost")),
        fact("next_premium_due", N_("Next premium due"), fmt.date(p.next_premium_due),
             f"Your next premium of {fmt.money(p.monthly_premium)} is due on {fmt.date(p.next_premium_due)}.",
             ("next", "due", "premium", "payment", "when", "pay")),
        fact("pending_claims", N_("Pending claims"), str(p.pending_claims),
             f"You have {p.pending_claims} pending claim{'s' if p.pending_claims != 1 else ''}.",
             ("pending", "claims", "open", "claim")),
        fact("claim_count", N_("Claims on record"), str(len(p.claims)),
             f"You have {len(p.claims)} claim{'s' if len(p.claims) != 1 else ''} on record.",
             ("claims", "history", "filed", "made", "total")),
        fact("risk_tier", N_("Risk tier"), p.risk_tier, keywords=("risk", "tier", "rating")),
    ]
    for x in p.policies:
        out.append(fact(f"policy_{x.kind}", N_("{kind} policy", kind=x.kind.capitalize()),
                        N_("{policy_number}, coverage {coverage}, deductible {deductible}, premium {monthly_premium}/month, "
                           "renews {renewal_date}", policy_number=x.policy_number, coverage=fmt.money(x.coverage),
                           deductible=fmt.money(x.deductible), monthly_premium=fmt.money(x.monthly_premium),
                           renewal_date=fmt.date(x.renewal_date)),
                        f"Your {x.kind} policy {x.policy_number} has coverage of {fmt.money(x.coverage)}, a deductible "
                        f"of {fmt.money(x.deductible)}, a premium of {fmt.money(x.monthly_premium)} per month, "
                        f"and renews on {fmt.date(x.renewal_date)}.",
                        (x.kind, "deductible", "renew", "renewal", "policy", "number")))
    if p.claims:
        c = p.claims[0]
        out.append(fact("last_claim", N_("Latest claim"),
                        N_("{claim_id}, {description}, {amount}, {status}, filed {date}", claim_id=c.claim_id,
                           description=c.description, amount=fmt.money(c.amount), status=c.status,
                           date=fmt.date(c.date)),
                        f"Your latest claim {c.claim_id} ({c.description}, {fmt.money(c.amount)}) was filed on "
                        f"{fmt.date(c.date)} and is {c.status}.",
                        ("last", "latest", "recent", "claim", "status")))
    return out


def tables(p: InsurancePersona, fmt: Formatter) -> list[Table]:
    return [
        Table(title=N_("Policies"),
              columns=(N_("Policy"), N_("Type"), N_("Coverage"), N_("Deductible"), N_("Premium/mo"), N_("Renews")),
              rows=tuple((x.policy_number, x.kind, fmt.money(x.coverage), fmt.money(x.deductible),
                          fmt.money(x.monthly_premium), fmt.date(x.renewal_date)) for x in p.policies)),
        Table(title=N_("Claims"), columns=(N_("Claim"), N_("Date"), N_("Type"), N_("Amount"), N_("Status")),
              rows=tuple((c.claim_id, fmt.date(c.date), c.description, fmt.money(c.amount), c.status)
                         for c in p.claims)),
    ]


def headline(p: InsurancePersona, fmt: Formatter) -> list[Figure]:
    """What a policyholder looks at first: how many policies, what they cover and cost, any claim still open."""
    return [
        Figure(key="policy_count", label=N_("Active policies"), value=str(len(p.policies))),
        Figure(key="total_coverage", label=N_("Total coverage"), value=fmt.money(p.total_coverage)),
        Figure(key="monthly_premium", label=N_("Monthly premium"), value=fmt.money(p.monthly_premium)),
        Figure(key="pending_claims", label=N_("Pending claims"), value=str(p.pending_claims)),
    ]


# Scenarios: why this policyholder gets in touch today, each told from items of their own record.

SLOW_CLAIM_DAYS = 14
"""A claim still pending this many days after filing feels slow to the customer."""
RENEWED_DAYS = 60
"""A renewal this recent is still news: the first higher bill has just arrived."""
RENEWING_DAYS = 30
"""A renewal this close is when customers review their cover."""
# Things people buy and then ask their home or renters insurer about: (with an article, bare).
_VALUABLES = ((N_("an engagement ring"), "engagement ring"), (N_("a new laptop"), "laptop"), (N_("a road bike"), "road bike"),
              (N_("a camera"), "camera"), (N_("a piano"), "piano"))


def _policy(p: InsurancePersona, i: int, *fields: str) -> tuple:
    return refs(f"policies[{i}]", p.policies[i], "policy_number", "kind", *fields)


def _slow_claims(p: InsurancePersona) -> list[int]:
    return [i for i, c in enumerate(p.claims)
            if c.status == "pending" and (p.as_of - c.date).days >= SLOW_CLAIM_DAYS]


def _slow_claim(p: InsurancePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    c, name = p.claims[i], p.identity.first_name
    return Story(
        summary=N_("{name}'s {description} claim {claim_id} for {amount}, filed on {date}, is still pending, and "
                   "{name} wants to know when it will be settled.", name=name, description=c.description.lower(),
                   claim_id=c.claim_id, amount=fmt.money(c.amount), date=fmt.date(c.date)),
        questions=(f"My claim {c.claim_id} has been pending since {fmt.short_date(c.date)}. When will it be paid?",
                   f"Do you need anything else from me for claim {c.claim_id}?"),
        refs=refs(f"claims[{i}]", c, "claim_id", "description", "amount", "date", "status"),
    )


def _renewed(p: InsurancePersona) -> list[int]:
    """Policies renewed lately after a full year with the customer (a first term is not a renewal)."""
    return [i for i, x in enumerate(p.policies) if (p.as_of - x.term_start).days < RENEWED_DAYS
            and x.term_start - timedelta(days=TERM_DAYS) >= p.member_since]


def _premium_rise(p: InsurancePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    x, name = p.policies[i], p.identity.first_name
    premium = fmt.money(x.monthly_premium)
    follow_up = (f"Would a deductible higher than {fmt.money(x.deductible)} lower my {x.kind} premium?"
                 if x.deductible else f"Are there discounts I could get on my {x.kind} policy?")
    return Story(
        summary=N_("{name}'s {kind} policy {policy_number} renewed on {term_start} at {premium} a month, and {name} "
                   "wants to know why the premium went up.", name=name, kind=x.kind, policy_number=x.policy_number,
                   term_start=fmt.date(x.term_start), premium=premium),
        questions=(f"Why did my {x.kind} premium go up to {premium} a month when it renewed on "
                   f"{fmt.short_date(x.term_start)}?", follow_up),
        refs=_policy(p, i, "monthly_premium", "term_start", "deductible"),
    )


def _of_kind(*kinds: str):
    def policies(p: InsurancePersona) -> list[int]:
        return [i for i, x in enumerate(p.policies) if x.kind in kinds]
    return policies


def _add_driver(p: InsurancePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    x = p.policies[i]
    premium = fmt.money(x.monthly_premium)
    return Story(
        summary=N_("{first_name} wants to add a newly licensed driver in the household to auto policy "
                   "{policy_number}, which costs {premium} a month now.", first_name=p.identity.first_name,
                   policy_number=x.policy_number, premium=premium),
        questions=(f"How do I add a new driver to my auto policy {x.policy_number}?",
                   f"How much would a new driver add to my {premium} monthly auto premium?"),
        refs=_policy(p, i, "monthly_premium"),
    )


def _add_valuable(p: InsurancePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    x = p.policies[i]
    thing, bare = pick(rng, _VALUABLES)
    return Story(
        summary=N_("{first_name} just bought {thing} and wants to know whether {kind} policy {policy_number}, with "
                   "{coverage} of coverage and a {deductible} deductible, covers it.", first_name=p.identity.first_name,
                   thing=thing, kind=x.kind, policy_number=x.policy_number, coverage=fmt.money(x.coverage),
                   deductible=fmt.money(x.deductible)),
        questions=(f"Is the {bare} I just bought covered by my {x.kind} policy?",
                   f"Do I need to add the {bare} to policy {x.policy_number} separately?"),
        refs=_policy(p, i, "coverage", "deductible"),
    )


def _renewing(p: InsurancePersona) -> list[int]:
    return [i for i, x in enumerate(p.policies) if (x.renewal_date - p.as_of).days <= RENEWING_DAYS]


def _upcoming_renewal(p: InsurancePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    x, name = p.policies[i], p.identity.first_name
    coverage, premium = fmt.money(x.coverage), fmt.money(x.monthly_premium)
    return Story(
        summary=N_("{name}'s {kind} policy {policy_number} renews on {renewal_date}, and {name} wants to review its "
                   "{coverage} of coverage and {premium} monthly premium before then.", name=name, kind=x.kind,
                   policy_number=x.policy_number, renewal_date=fmt.date(x.renewal_date), coverage=coverage,
                   premium=premium),
        questions=(f"My {x.kind} policy renews on {fmt.short_date(x.renewal_date)}. Can we review my {coverage} "
                   "of coverage before then?",
                   f"Will my {x.kind} premium stay at {premium} a month after the renewal?"),
        refs=_policy(p, i, "renewal_date", "coverage", "monthly_premium"),
    )


def _denied_claims(p: InsurancePersona) -> list[int]:
    return [i for i, c in enumerate(p.claims) if c.status == "denied"]


def _claim_denied(p: InsurancePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    c, name = p.claims[i], p.identity.first_name
    return Story(
        summary=N_("{name}'s {description} claim {claim_id} for {amount}, filed on {date}, was denied, and {name} "
                   "wants to know why and whether to appeal.", name=name, description=c.description.lower(),
                   claim_id=c.claim_id, amount=fmt.money(c.amount), date=fmt.date(c.date)),
        questions=(f"Why was my claim {c.claim_id} denied?",
                   f"How do I appeal the decision on my {c.description.lower()} claim?"),
        refs=refs(f"claims[{i}]", c, "claim_id", "description", "amount", "date", "status"),
    )


def _new_claim(p: InsurancePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    x = p.policies[i]
    incident = pick(rng, _CLAIM_TYPES[x.kind])[0].lower()
    deductible = fmt.money(x.deductible)
    return Story(
        summary=N_("{first_name} needs to file a claim for {incident} on {kind} policy {policy_number} and wants to "
                   "know how the {deductible} deductible applies.", first_name=p.identity.first_name,
                   incident=incident, kind=x.kind, policy_number=x.policy_number, deductible=deductible),
        questions=(f"I need to file a claim for {incident} on my {x.kind} policy. What do I do?",
                   f"How much of the {deductible} deductible will I pay on this claim?"),
        refs=_policy(p, i, "deductible"),
    )


def _always(p: InsurancePersona) -> list[InsurancePersona]:
    return [p]


def _payment_date(p: InsurancePersona, _: object, fmt: Formatter, rng: Random) -> Story:
    name, premium = p.identity.first_name, fmt.money(p.monthly_premium)
    return Story(
        summary=N_("{name}'s next premium of {premium} is due on {next_premium_due}, and {name} would like to move "
                   "the payment date to later in the month.", name=name, premium=premium,
                   next_premium_due=fmt.date(p.next_premium_due)),
        questions=(f"Can I move my {premium} premium due on {fmt.short_date(p.next_premium_due)} to later in the "
                   "month?", "Can I pay my premiums once a year instead of monthly?"),
        refs=refs("", p, "monthly_premium", "next_premium_due"),
    )


SCENARIOS = (
    ScenarioKind("slow_claim", N_("A claim taking long"), f"a claim pending for {SLOW_CLAIM_DAYS} days or more",
                 _slow_claims, _slow_claim, weight=4),
    ScenarioKind("premium_rise", N_("A higher premium at renewal"),
                 f"a policy renewed in the last {RENEWED_DAYS} days after a full year", _renewed, _premium_rise, weight=2),
    ScenarioKind("add_driver", N_("Adding a driver"), "an auto policy", _of_kind("auto"), _add_driver),
    ScenarioKind("add_valuable", N_("Covering something new"), "a home or renters policy",
                 _of_kind("home", "renters"), _add_valuable),
    ScenarioKind("upcoming_renewal", N_("A renewal coming up"), f"a policy renewing within {RENEWING_DAYS} days",
                 _renewing, _upcoming_renewal, weight=3),
    ScenarioKind("claim_denied", N_("A denied claim"), "a denied claim", _denied_claims, _claim_denied, weight=3),
    ScenarioKind("new_claim", N_("Filing a new claim"), "an auto, home, renters or pet policy",
                 _of_kind("auto", "home", "renters", "pet"), _new_claim),
    ScenarioKind("payment_date", N_("Moving the premium date"), "a premium due (every policyholder has one)",
                 _always, _payment_date),
)


def prompts(p: InsurancePersona, fmt: Formatter) -> list[Example]:
    """Questions from this policyholder's record: their policies, latest claim and premium, one of each."""
    first = p.policies[0]
    out = [Example(text=f"When is my next premium of {fmt.money(p.monthly_premium)} due?",
                   refs=refs("monthly_premium", p.monthly_premium)),
           Example(text=f"What does my {first.kind} policy {first.policy_number} cover?", refs=_policy(p, 0)),
           Example(text=f"Why is my risk tier {p.risk_tier}?", refs=refs("risk_tier", p.risk_tier))]
    soonest = min(range(len(p.policies)), key=lambda i: p.policies[i].renewal_date)
    out.append(Example(text=f"When does my {p.policies[soonest].kind} policy renew?",
                       refs=refs(f"policies[{soonest}]", p.policies[soonest], "kind")))
    with_deductible = [i for i, x in enumerate(p.policies) if x.deductible]
    if with_deductible:
        i = with_deductible[-1]
        out.append(Example(text=f"What's the deductible on my {p.policies[i].kind} policy?",
                           refs=refs(f"policies[{i}]", p.policies[i], "kind", "deductible")))
    if p.claims:
        c = p.claims[0]
        out.append(Example(text=f"What's the status of claim {c.claim_id}?", refs=refs("claims[0]", c, "claim_id")))
    return out


register(Industry(
    mode="insurance", label=N_("Insurance"), institution="Bluestem Mutual Insurance", order=20,
    role="a policyholder service assistant at Bluestem Mutual Insurance, a fictional insurer",
    model=InsurancePersona, build=build, facts=facts, tables=tables, scenarios=SCENARIOS, prompts=prompts,
    examples=("What policies do I have?", "What's my auto deductible?", "When is my next premium due?",
              "Do I have any pending claims?", "When does my policy renew?"),
    card=CardLayout(headline=headline, holdings=N_("Policies"), holding_tables=("Policies",),
                    listed=("policy_", "last_claim")),
    summary=("policy_count", "total_coverage", "monthly_premium", "next_premium_due", "pending_claims"),
    capabilities="your policies, premiums, coverage, deductibles and claims",
    overview_words=("insurance", "coverage"),
    record_names=("insurance",),
    glossary={"prämie": "premium", "prämien": "premium", "selbstbeteiligung": "deductible", "versicherung": "policy",
              "police": "policy", "schaden": "claim", "schäden": "claim",
              "prime": "premium", "franchise": "deductible", "sinistre": "claim", "sinistres": "claim"},
))
