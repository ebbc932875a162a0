"""Personal insurance: policies, premiums, claims and a risk tier derived from claims."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import Literal

from pydantic import Field, model_validator

from ..actions import Action, Amount, Arguments, Day, Effect, Step, Text
from ..contact import CONTACT_ACTIONS
from ..distributions import Weights, cents_to_money, lognormal_cents, lognormal_money, pick, weighted
from ..facts import fact
from ..fakesafe import demo_number
from ..locales import Formatter
from ..models import Example, Figure, Frozen, NonNegativeMoney, PersonaBase, Table, refs, unset
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
YOUNG_DRIVER_AGE = 25
YOUNG_DRIVER_FACTOR = 1.6
"""Auto premiums for a driver under 25 are this many times the rate (at sale, and for a driver added later)."""
ADDED_DRIVER_FACTOR = 1.25
"""An added driver of 25 or over raises the auto premium by a quarter (insurers price the extra miles)."""
RISK_YEARS_DAYS = 3 * 365
"""The risk tier counts the claims (not denied) of the last three years."""


class Driver(Frozen):
    name: str
    age: int = Field(ge=16, le=100)


class Item(Frozen):
    name: str
    value: NonNegativeMoney


class Policy(Frozen):
    policy_number: str
    kind: PolicyKind
    coverage: NonNegativeMoney
    monthly_premium: NonNegativeMoney
    deductible: NonNegativeMoney
    term_start: date
    renewal_date: date
    added_drivers: tuple[Driver, ...] = Field((), exclude_if=unset, description="Drivers added by an action (auto).")
    scheduled_items: tuple[Item, ...] = Field((), exclude_if=unset, description="Valuables added by an action "
                                              "(home, renters): each adds its value to the coverage.")


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
    status_requests: tuple[str, ...] = Field((), exclude_if=unset, description="Claims the customer asked a status "
                                             "update on (an action).")

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
        if not set(self.status_requests) <= {c.claim_id for c in claims}:
            raise ValueError("status updates are asked on claims on record")
        for p in policies:
            if p.added_drivers and p.kind != "auto" or p.scheduled_items and p.kind not in ("home", "renters"):
                raise ValueError("drivers go on auto policies, scheduled items on home or renters policies")
            if sum(i.value for i in p.scheduled_items) > p.coverage:
                raise ValueError("a policy's coverage includes its scheduled items")
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
        elif kind == "auto" and age < YOUNG_DRIVER_AGE:
            median *= YOUNG_DRIVER_FACTOR
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
    for x in p.policies:
        for d in x.added_drivers:
            out.append(fact(f"driver_{_slug(d.name)}", N_("Added driver: {name}", name=d.name),
                            N_("age {age}, on {policy}", age=d.age, policy=x.policy_number),
                            f"{d.name} ({d.age}) is a driver on your auto policy {x.policy_number}.",
                            ("driver", "drivers", "added", "auto", *d.name.lower().split())))
        for item in x.scheduled_items:
            out.append(fact(f"item_{_slug(item.name)}", N_("Scheduled item: {name}", name=item.name),
                            N_("{value}, on {policy}", value=fmt.money(item.value), policy=x.policy_number),
                            f"Your {item.name} ({fmt.money(item.value)}) is covered on your {x.kind} policy "
                            f"{x.policy_number}.", ("item", "scheduled", "covered", x.kind, *item.name.lower().split())))
    for claim_id in p.status_requests:
        out.append(fact(f"status_request_{claim_id}", N_("Status update requested: {claim_id}", claim_id=claim_id),
                        N_("with the claims team"),
                        f"You asked the claims team for a status update on claim {claim_id}.",
                        ("status", "update", "requested", "claim", claim_id.lower())))
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


def _slug(name: str) -> str:
    return "_".join("".join(ch for ch in w if ch.isalnum()) for w in name.lower().split())[:40]


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


# Actions: what the policyholder can ask the assistant to do on this record (persona.actions, persona.ledger).

PREMIUM_MOVE_DAYS = 30
"""The premium date can move at most this many days past the current due date (one billing cycle)."""
_KIND_WORDS = {"car": "auto", "vehicle": "auto", "house": "home", "homeowners": "home", "apartment": "renters",
               "renter": "renters", "dog": "pet", "cat": "pet"}


def _policy_index(p: InsurancePersona, asked: str) -> int | None:
    """The policy a customer names: its number, or its kind ("auto", "my car insurance")."""
    key = "".join(ch for ch in asked.casefold() if ch.isalnum())
    for i, x in enumerate(p.policies):
        if key and key == "".join(ch for ch in x.policy_number.casefold() if ch.isalnum()):
            return i
    words = [_KIND_WORDS.get(w, w) for w in "".join(ch if ch.isalnum() else " " for ch in asked.casefold()).split()]
    return next((i for i, x in enumerate(p.policies) if x.kind in words), None)


def _no_policy(asked: str) -> str:
    return f"You have no policy matching {asked!r}."


class FileClaim(Arguments):
    policy: Text = Field(description="The policy number, or its kind (auto, home, renters, pet, umbrella).")
    description: Text = Field(description="What happened, in a few words.")
    amount: Amount = Field(description="The loss claimed.")


def _check_claim(p: InsurancePersona, a: FileClaim) -> str | None:
    i = _policy_index(p, a.policy)
    if i is None:
        return _no_policy(a.policy)
    x, fmt = p.policies[i], Formatter(p.locale)
    if x.kind not in _CLAIM_TYPES:
        return (f"A {x.kind} claim can't be filed in this chat: it is made by the beneficiaries, with the claims team "
                "directly.")
    if a.amount > x.coverage:
        return f"Your {x.kind} policy {x.policy_number} covers up to {fmt.money(x.coverage)}, less than {fmt.money(a.amount)}."
    return None


def _propose_claim(p: InsurancePersona, a: FileClaim, fmt: Formatter) -> str:
    x = p.policies[_policy_index(p, a.policy)]
    return (f"File a claim on your {x.kind} policy {x.policy_number} for {a.description.strip()}, "
            f"{fmt.money(a.amount)} (deductible {fmt.money(x.deductible)})?")


def _claim_id(p: InsurancePersona, step: Step) -> str:
    taken = {c.claim_id for c in p.claims}
    n = demo_number(f"{p.mode}:{p.seed}:{step.index}:claim", 7)
    while f"CLM-{n}" in taken:
        n = n + 1 if n < 10**7 - 1 else 10**6
    return f"CLM-{n}"


def _file_claim(p: InsurancePersona, a: FileClaim, step: Step) -> Effect:
    x = p.policies[_policy_index(p, a.policy)]
    claim = Claim(claim_id=_claim_id(p, step), date=p.as_of, kind=x.kind, description=" ".join(a.description.split()),
                  amount=a.amount, status="pending")
    claims = (claim, *p.claims)
    return Effect({"claims": claims, "pending_claims": p.pending_claims + 1, "risk_tier": risk_tier(claims, p.as_of)},
                  f"Claim {claim.claim_id} is filed on your {x.kind} policy {x.policy_number} for "
                  f"{step.fmt.money(a.amount)} and is pending review.")


class AddDriver(Arguments):
    name: Text = Field(description="The new driver's full name.")
    age: int = Field(ge=16, le=100, description="The new driver's age.")
    policy: Text = Field("auto", description="The auto policy's number (the customer's auto policy by default).")


class AddItem(Arguments):
    item: Text = Field(description="What to cover: an engagement ring, a laptop, ...")
    value: Amount = Field(description="What the item is worth.")
    policy: Text = Field("home", description="The home or renters policy's number or kind.")


def _auto(p: InsurancePersona, a: AddDriver) -> int | None:
    i = _policy_index(p, a.policy)
    return i if i is not None and p.policies[i].kind == "auto" else None


def _driver_premium(x: Policy, age: int) -> Decimal:
    factor = YOUNG_DRIVER_FACTOR if age < YOUNG_DRIVER_AGE else ADDED_DRIVER_FACTOR
    return (x.monthly_premium * Decimal(str(factor))).quantize(Decimal("0.01"))


def _check_driver(p: InsurancePersona, a: AddDriver) -> str | None:
    i = _auto(p, a)
    if i is None:
        return "You have no auto policy to add a driver to."
    if any(d.name.casefold() == a.name.strip().casefold() for d in p.policies[i].added_drivers):
        return f"{a.name.strip()} is already a driver on your auto policy."
    return None


def _propose_driver(p: InsurancePersona, a: AddDriver, fmt: Formatter) -> str:
    x = p.policies[_auto(p, a)]
    return (f"Add {a.name.strip()} ({a.age}) as a driver on auto policy {x.policy_number}? The premium would go from "
            f"{fmt.money(x.monthly_premium)} to {fmt.money(_driver_premium(x, a.age))} a month.")


def _with_policy(p: InsurancePersona, i: int, policy: Policy) -> dict:
    policies = (*p.policies[:i], policy, *p.policies[i + 1:])
    return {"policies": policies, "monthly_premium": sum((x.monthly_premium for x in policies), Decimal("0.00")),
            "total_coverage": sum((x.coverage for x in policies), Decimal("0.00"))}


def _add_driver_effect(p: InsurancePersona, a: AddDriver, step: Step) -> Effect:
    i = _auto(p, a)
    x = p.policies[i]
    new = x.model_copy(update={"monthly_premium": _driver_premium(x, a.age),
                               "added_drivers": (*x.added_drivers, Driver(name=" ".join(a.name.split()), age=a.age))})
    return Effect(_with_policy(p, i, new), f"{a.name.strip()} is now a driver on auto policy {x.policy_number}; its "
                                           f"premium is {step.fmt.money(new.monthly_premium)} a month.")


def _property(p: InsurancePersona, a: AddItem) -> int | None:
    i = _policy_index(p, a.policy)
    if i is None or p.policies[i].kind not in ("home", "renters"):
        i = next((j for j, x in enumerate(p.policies) if x.kind in ("home", "renters")), None)
    return i


def _item_terms(x: Policy, value: Decimal) -> tuple[Decimal, Decimal]:
    """Coverage and premium with an item added, priced by the module's own rule: premium ∝ coverage^elasticity."""
    coverage = x.coverage + value
    _, elasticity = _PREMIUM_SCALE[x.kind]
    premium = x.monthly_premium * Decimal(str((float(coverage) / float(x.coverage)) ** elasticity))
    return coverage, premium.quantize(Decimal("0.01"))


def _check_item(p: InsurancePersona, a: AddItem) -> str | None:
    i = _property(p, a)
    if i is None:
        return "You have no home or renters policy to add an item to."
    if a.value > p.policies[i].coverage:
        fmt = Formatter(p.locale)
        return (f"An item worth more than the policy's {fmt.money(p.policies[i].coverage)} of coverage needs its own "
                "policy.")
    return None


def _propose_item(p: InsurancePersona, a: AddItem, fmt: Formatter) -> str:
    x = p.policies[_property(p, a)]
    coverage, premium = _item_terms(x, a.value)
    return (f"Add your {a.item.strip()} ({fmt.money(a.value)}) to {x.kind} policy {x.policy_number}? Coverage would "
            f"go from {fmt.money(x.coverage)} to {fmt.money(coverage)}, the premium from "
            f"{fmt.money(x.monthly_premium)} to {fmt.money(premium)} a month.")


def _add_item_effect(p: InsurancePersona, a: AddItem, step: Step) -> Effect:
    i = _property(p, a)
    x = p.policies[i]
    coverage, premium = _item_terms(x, a.value)
    new = x.model_copy(update={"coverage": coverage, "monthly_premium": premium, "scheduled_items": (
        *x.scheduled_items, Item(name=" ".join(a.item.split()), value=a.value))})
    return Effect(_with_policy(p, i, new), f"Your {a.item.strip()} is covered on {x.kind} policy {x.policy_number}; "
                                           f"its premium is {step.fmt.money(premium)} a month.")


class PremiumDate(Arguments):
    new_date: Day = Field(description="The new due date of the next premium.")


def _check_premium_date(p: InsurancePersona, a: PremiumDate) -> str | None:
    fmt = Formatter(p.locale)
    latest = p.next_premium_due + timedelta(days=PREMIUM_MOVE_DAYS)
    if a.new_date <= p.as_of:
        return f"The new premium date must be after today ({fmt.date(p.as_of)})."
    if a.new_date == p.next_premium_due:
        return f"Your next premium is already due on {fmt.date(a.new_date)}."
    if a.new_date > latest:
        return (f"The premium date can move at most {PREMIUM_MOVE_DAYS} days past the current one: "
                f"{fmt.date(latest)} at the latest.")
    return None


def _propose_premium_date(p: InsurancePersona, a: PremiumDate, fmt: Formatter) -> str:
    return (f"Move your next premium of {fmt.money(p.monthly_premium)} from {fmt.date(p.next_premium_due)} to "
            f"{fmt.date(a.new_date)}?")


def _premium_date(p: InsurancePersona, a: PremiumDate, step: Step) -> Effect:
    return Effect({"next_premium_due": a.new_date}, f"Your next premium of {step.fmt.money(p.monthly_premium)} is now "
                                                   f"due on {step.fmt.date(a.new_date)}.")


class ClaimRef(Arguments):
    claim_id: Text = Field(description="The claim number, CLM- and seven digits.")


def _claim_index(p: InsurancePersona, claim_id: str) -> int | None:
    digits = "".join(ch for ch in claim_id if ch.isdigit())
    return next((i for i, c in enumerate(p.claims) if c.claim_id[4:] == digits), None)


def _check_status(p: InsurancePersona, a: ClaimRef) -> str | None:
    i = _claim_index(p, a.claim_id)
    if i is None:
        return f"There is no claim {a.claim_id} on your record."
    c = p.claims[i]
    if c.status != "pending":
        return f"Claim {c.claim_id} is already settled ({c.status}): there is no open review to chase."
    if c.claim_id in p.status_requests:
        return f"A status update on claim {c.claim_id} is already requested."
    return None


def _propose_status(p: InsurancePersona, a: ClaimRef, fmt: Formatter) -> str:
    c = p.claims[_claim_index(p, a.claim_id)]
    return (f"Ask the claims team for a status update on claim {c.claim_id} ({c.description}, {fmt.money(c.amount)}, "
            f"filed {fmt.date(c.date)})?")


def _status(p: InsurancePersona, a: ClaimRef, step: Step) -> Effect:
    c = p.claims[_claim_index(p, a.claim_id)]
    return Effect({"status_requests": (*p.status_requests, c.claim_id)},
                  f"The claims team has your request for a status update on claim {c.claim_id}, pending since "
                  f"{step.fmt.date(c.date)}.")


def _check_claim_known(p: InsurancePersona, a: ClaimRef) -> str | None:
    return None if _claim_index(p, a.claim_id) is not None else f"There is no claim {a.claim_id} on your record."


def _claim_details(p: InsurancePersona, a: ClaimRef, fmt: Formatter) -> str:
    c = p.claims[_claim_index(p, a.claim_id)]
    x = next(x for x in p.policies if x.kind == c.kind)
    asked = " A status update is requested." if c.claim_id in p.status_requests else ""
    return (f"Claim {c.claim_id}: {c.description} on {c.kind} policy {x.policy_number}, filed {fmt.date(c.date)}, "
            f"{fmt.money(c.amount)}, {c.status}; deductible {fmt.money(x.deductible)}.{asked}")


ACTIONS = (
    Action("file_claim", "File a new claim on one of the customer's policies.", FileClaim,
           _check_claim, _propose_claim, _file_claim,
           phrases=(
                    r"\b(?:file|make|open|submit|start|lodge|report)\b[\w ,'’-]{0,20}?\bclaim\b",
                    r"\bclaim for\b",
           )),
    Action("add_driver", "Add a driver to the customer's auto policy (the premium is recomputed).", AddDriver,
           _check_driver, _propose_driver, _add_driver_effect,
           phrases=(
                    r"\badd\b[\w ,'’-]{0,40}?\bdriver\b",
                    r"\b(?:will be|is going to be|to be|start) driving\b",
                    r"\bas a driver\b",
                    r"\badd\b[\w ,'’-]{0,40}?\bto (?:my |the )?(?:auto|car) (?:policy|insurance|cover)\b",
                    r"\bdriver\b[\w ,'’-]{0,30}?\b(?:added|on my (?:auto|car)|to my (?:auto|car))\b",
           )),
    Action("add_item", "Add a valuable item to a home or renters policy (coverage and premium are recomputed).",
           AddItem, _check_item, _propose_item, _add_item_effect,
           phrases=(
                    r"\b(?:add|cover|insure|schedule|include)\b[\w ,$.'’-]{0,50}?\b(?:to|on|under)\b[\w ,'’-]{0,10}?\b(?:home|renters|house|apartment|contents) (?:policy|insurance|cover)\b",
                    r"\b(?:add|cover|insure|schedule)\b (?:my |a |an |the )?(?:new )?(?:engagement ring|ring|laptop|road bike|bike|camera|piano|watch|necklace|jewel(?:le)?ry)\b",
           )),
    Action("change_premium_date", "Move the due date of the next premium payment.", PremiumDate,
           _check_premium_date, _propose_premium_date, _premium_date,
           phrases=(
                    r"\b(?:move|change|push|shift|postpone|delay)\b[\w ,$.'’-]{0,40}?\b(?:premium|payment date|due date|billing date)\b",
                    r"\bpremium\b[\w ,$.'’-]{0,40}?\b(?:later|another day|different day|due on|due the|instead)\b",
           )),
    Action("request_claim_update", "Ask the claims team for a status update on a pending claim.", ClaimRef,
           _check_status, _propose_status, _status,
           phrases=(
                    r"\b(?:status update|update on|chase|follow up|follow-up|check on|hurry|speed up|escalate)\b",
           )),
    Action("claim_details", "Look up one claim's details.", ClaimRef, _check_claim_known, read=_claim_details,
           phrases=(
                    r"\b(?:details|detail|more about|tell me about|look up|what is happening with|what's happening with)\b[\w ,'’-]{0,20}?\bclaim\b",
           )),
    *CONTACT_ACTIONS,
)


register(Industry(
    mode="insurance", label=N_("Insurance"), institution="Bluestem Mutual Insurance", order=20,
    role="a policyholder service assistant at Bluestem Mutual Insurance, a fictional insurer",
    model=InsurancePersona, build=build, facts=facts, tables=tables, scenarios=SCENARIOS, prompts=prompts,
    examples=("What policies do I have?", "What's my auto deductible?", "When is my next premium due?",
              "Do I have any pending claims?", "When does my policy renew?"),
    card=CardLayout(headline=headline, holdings=N_("Policies"), holding_tables=("Policies",),
                    listed=("policy_", "last_claim")), actions=ACTIONS,
    summary=("policy_count", "total_coverage", "monthly_premium", "next_premium_due", "pending_claims"),
    capabilities="your policies, premiums, coverage, deductibles and claims",
    overview_words=("insurance", "coverage"),
    record_names=("insurance",),
    glossary={"prämie": "premium", "prämien": "premium", "selbstbeteiligung": "deductible", "versicherung": "policy",
              "police": "policy", "schaden": "claim", "schäden": "claim",
              "prime": "premium", "franchise": "deductible", "sinistre": "claim", "sinistres": "claim"},
))
