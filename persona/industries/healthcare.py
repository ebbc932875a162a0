"""Health plan membership: plan, deductible and out-of-pocket, appointments, prescriptions."""

from __future__ import annotations

from datetime import date, time, timedelta
from random import Random
from typing import Literal

from pydantic import Field, model_validator

from ..actions import Action, Arguments, Clock, Day, Effect, Step, Text
from ..contact import CONTACT_ACTIONS
from ..distributions import Weights, add_working_days, cents_to_money, lognormal_money, pick, unround
from ..facts import fact
from ..locales import Formatter
from ..models import Example, Figure, Frozen, NonNegativeMoney, PersonaBase, Table, refs
from ..registry import CardLayout, Draw, Industry, ScenarioKind, Story, register
from ..words import N_, Shown

# Plan: (weight, deductible, out-of-pocket maximum), in the metal tiers US plans use.
_PLANS = {
    "Bronze HMO 6000": (18, 6000, 9200),
    "Silver PPO 3500": (38, 3500, 8000),
    "Gold PPO 1500": (30, 1500, 6000),
    "Platinum PPO 500": (14, 500, 3500),
}
# Specialty: (weight, clinic, reasons for a visit).
_SPECIALTIES = {
    N_("Primary care"): (34, "Cedarline Family Medicine",
                     (N_("Annual physical"), N_("Follow-up visit"), N_("Blood pressure check"), N_("Flu symptoms"))),
    N_("Dermatology"): (10, "Cedarline Dermatology Clinic", (N_("Skin check"), N_("Mole evaluation"), N_("Rash follow-up"))),
    N_("Cardiology"): (9, "Cedarline Heart Center", (N_("Echocardiogram review"), N_("Heart rhythm follow-up"))),
    N_("Orthopedics"): (10, "Cedarline Orthopedic Clinic", (N_("Knee pain follow-up"), N_("Shoulder evaluation"), N_("Back pain"))),
    N_("Ophthalmology"): (9, "Cedarline Eye Clinic", (N_("Annual eye exam"), N_("Glaucoma screening"))),
    N_("Physical therapy"): (10, "Cedarline Rehabilitation Center", (N_("Therapy session"), N_("Post-surgery rehab"))),
    N_("Endocrinology"): (8, "Cedarline Endocrinology Clinic", (N_("Diabetes management"), N_("Thyroid follow-up"))),
    N_("Gastroenterology"): (5, "Cedarline Digestive Health Center", (N_("Colonoscopy consultation"), N_("Reflux follow-up"))),
    N_("Allergy and immunology"): (5, "Cedarline Allergy Clinic", (N_("Allergy testing"), N_("Asthma follow-up"))),
}
PRIMARY_CARE = N_("Primary care")
# Common maintenance prescriptions, grouped so a patient is never on two drugs of one group
# (two SSRIs, or an ACE inhibitor with an ARB): each entry (medication, dosages, frequency).
_MEDICATION_GROUPS = (
    ((N_("Lisinopril"), (N_("10 mg"), N_("20 mg")), N_("once daily")), (N_("Losartan"), (N_("25 mg"), N_("50 mg")), N_("once daily"))),
    ((N_("Atorvastatin"), (N_("20 mg"), N_("40 mg")), N_("once daily at bedtime")),),
    ((N_("Metformin"), (N_("500 mg"), N_("1000 mg")), N_("twice daily with meals")),),
    ((N_("Levothyroxine"), (N_("50 mcg"), N_("75 mcg"), N_("100 mcg")), N_("once daily before breakfast")),),
    ((N_("Amlodipine"), (N_("5 mg"), N_("10 mg")), N_("once daily")),),
    ((N_("Sertraline"), (N_("50 mg"), N_("100 mg")), N_("once daily")), (N_("Escitalopram"), (N_("10 mg"),), N_("once daily"))),
    ((N_("Omeprazole"), (N_("20 mg"), N_("40 mg")), N_("once daily before a meal")),),
    ((N_("Albuterol inhaler"), (N_("90 mcg"),), N_("2 puffs every 4 to 6 hours as needed")),),
    ((N_("Gabapentin"), (N_("300 mg"),), N_("three times daily")),),
    ((N_("Montelukast"), (N_("10 mg"),), N_("once daily in the evening")),),
)
APPOINTMENT_DAYS = 64
"""Appointments are booked up to this many working days (about three months) ahead. Counting
working days from as_of keeps them off weekends, distinct and in order for any as_of."""
_SLOTS = 36
"""Quarter-hour slots from 08:00 to 16:45."""


_PLAN_WEIGHTS = Weights({name: spec[0] for name, spec in _PLANS.items()})
_SPECIALTY_WEIGHTS = Weights({name: spec[0] for name, spec in _SPECIALTIES.items()})
_APPOINTMENT_COUNT = Weights({0: 15, 1: 40, 2: 30, 3: 15})


class Appointment(Frozen):
    date: date
    time: time
    provider: Shown
    specialty: str
    location: str
    reason: str


class Prescription(Frozen):
    medication: str
    dosage: str
    frequency: str
    refills_left: int = Field(ge=0, le=11)
    prescriber: Shown
    last_filled: date


class HealthcarePersona(PersonaBase):
    mode: Literal["healthcare"] = "healthcare"
    member_id: str = Field(pattern=r"^CDL\d{9}$")
    plan_name: str
    primary_care_provider: Shown
    deductible: NonNegativeMoney
    deductible_met: NonNegativeMoney
    out_of_pocket_max: NonNegativeMoney
    out_of_pocket_spent: NonNegativeMoney
    appointments: tuple[Appointment, ...]
    prescriptions: tuple[Prescription, ...]
    last_visit: date
    last_claim_amount: NonNegativeMoney

    @model_validator(mode="after")
    def _consistent(self):
        if self.deductible_met > self.deductible:
            raise ValueError(f"deductible_met {self.deductible_met} exceeds the deductible {self.deductible}")
        if not self.deductible_met <= self.out_of_pocket_spent <= self.out_of_pocket_max:
            raise ValueError("out-of-pocket spent must lie between deductible met and the out-of-pocket maximum")
        if self.deductible > self.out_of_pocket_max:
            raise ValueError("the deductible cannot exceed the out-of-pocket maximum")
        slots = [(a.date, a.time) for a in self.appointments]
        if any(day <= self.as_of for day, _ in slots):
            raise ValueError("appointments are after as_of")
        if any(day.weekday() >= 5 for day, _ in slots):
            raise ValueError("appointments fall on weekdays")
        if any(a >= b for a, b in zip(slots, slots[1:], strict=False)):
            raise ValueError("appointments must be in date order, one per slot")
        if not self.member_since <= self.last_visit <= self.as_of:
            raise ValueError("last_visit is a past event during membership")
        if any(rx.last_filled > self.as_of for rx in self.prescriptions):
            raise ValueError("prescriptions were filled before as_of")
        if len({rx.medication for rx in self.prescriptions}) != len(self.prescriptions):
            raise ValueError("each medication is prescribed once")
        return self


def _doctor(d: Draw) -> str:
    """A doctor's name from the persona's locale."""
    return N_("Dr. {first_name} {last_name}", first_name=d.templates.first_name(d.rng),
              last_name=d.templates.last_name(d.rng))


def build(d: Draw) -> dict:
    rng, as_of = d.rng, d.as_of
    plan = _PLAN_WEIGHTS.draw(rng)
    _, deductible, oop_max = _PLANS[plan]
    if rng.random() < 0.2:  # deductible met in full; coinsurance since then adds to out-of-pocket
        met = deductible * 100
        spent = min(met + unround(round(rng.lognormvariate(5.5, 1.0) * 100)), oop_max * 100)
    else:
        met = spent = min(unround(round(deductible * 100 * rng.betavariate(1.3, 2.2))), deductible * 100)
    pcp = _doctor(d)
    doctors = {PRIMARY_CARE: pcp}
    city = d.identity.address.city
    appointments = []
    count = _APPOINTMENT_COUNT.draw(rng)
    for days in sorted(rng.sample(range(1, APPOINTMENT_DAYS + 1), count)):  # distinct days: no double booking
        specialty = _SPECIALTY_WEIGHTS.draw(rng)
        _, clinic, reasons = _SPECIALTIES[specialty]
        if specialty not in doctors:
            doctors[specialty] = _doctor(d)
        slot = rng.randrange(_SLOTS)
        appointments.append(dict(
            date=add_working_days(as_of, days), time=time(8 + slot // 4, 15 * (slot % 4)),
            provider=doctors[specialty], specialty=specialty, location=f"{clinic}, {city}",
            reason=pick(rng, reasons),
        ))
    n_rx = min(len(_MEDICATION_GROUPS), max(0, round(rng.gauss(d.identity.age / 25, 1.0))))
    prescriptions = []
    for group in rng.sample(_MEDICATION_GROUPS, n_rx):
        name, doses, freq = pick(rng, group)
        prescriptions.append(dict(
            medication=name, dosage=pick(rng, doses), frequency=freq,
            refills_left=rng.randint(0, 5), prescriber=pcp if rng.random() < 0.75 else _doctor(d),
            last_filled=as_of - timedelta(days=rng.randint(1, 80))))
    tenure = (as_of - d.member_since).days
    return dict(
        member_id=f"CDL{rng.randrange(10**9):09d}", plan_name=plan, primary_care_provider=pcp,
        deductible=cents_to_money(deductible * 100), deductible_met=cents_to_money(met),
        out_of_pocket_max=cents_to_money(oop_max * 100), out_of_pocket_spent=cents_to_money(spent),
        appointments=appointments, prescriptions=prescriptions,
        last_visit=as_of - timedelta(days=min(rng.randint(3, 300), tenure)),
        last_claim_amount=lognormal_money(rng, 182.0, 0.9, 12, 40_000),
    )


def facts(p: HealthcarePersona, fmt: Formatter) -> list:
    out = [
        fact("member_id", N_("Member ID"), p.member_id, keywords=("member", "id", "number", "card")),
        fact("plan_name", N_("Plan"), p.plan_name, f"Your plan is {p.plan_name}.", ("plan", "insurance", "coverage", "health", "name")),
        fact("pcp", N_("Primary care provider"), p.primary_care_provider,
             keywords=("doctor", "primary", "pcp", "physician", "provider")),
        fact("deductible", N_("Deductible"), fmt.money(p.deductible), keywords=("deductible", "annual", "yearly")),
        fact("deductible_met", N_("Deductible met so far"), fmt.money(p.deductible_met),
             f"You have met {fmt.money(p.deductible_met)} of your {fmt.money(p.deductible)} deductible.",
             ("deductible", "met", "paid", "far")),
        fact("oop_max", N_("Out-of-pocket maximum"), fmt.money(p.out_of_pocket_max),
             keywords=("out-of-pocket", "pocket", "maximum", "max", "oop", "most", "cap", "limit")),
        fact("oop_spent", N_("Out-of-pocket spent"), fmt.money(p.out_of_pocket_spent),
             f"You have spent {fmt.money(p.out_of_pocket_spent)} out of pocket this plan year.",
             ("out-of-pocket", "pocket", "spent", "oop", "paid", "far", "year")),
        fact("last_visit", N_("Last visit"), fmt.date(p.last_visit), f"Your last visit was on {fmt.date(p.last_visit)}.",
             ("last", "visit", "seen", "saw", "see", "doctor", "went", "recent")),
        fact("last_claim_amount", N_("Last claim amount"), fmt.money(p.last_claim_amount),
             keywords=("claim", "last", "bill")),
    ]
    if p.appointments:
        a = p.appointments[0]
        when = f"{fmt.date(a.date)} at {fmt.time(a.time)}"
        out.append(fact("next_appointment", N_("Next appointment"),
                        N_("{date} at {time} with {provider} ({specialty}) at {location}, for {reason}",
                           date=fmt.date(a.date), time=fmt.time(a.time), provider=a.provider, specialty=a.specialty,
                           location=a.location, reason=a.reason.lower()),
                        f"Your next appointment is on {when} with {a.provider} ({a.specialty}) at {a.location}, "
                        f"for {a.reason.lower()}.",
                        ("next", "appointment", "when", "see", "visit", "scheduled", "doctor")))
    else:
        out.append(fact("next_appointment", N_("Next appointment"), N_("none scheduled"),
                        "You have no upcoming appointments scheduled.", ("next", "appointment", "scheduled")))
    for rx in p.prescriptions:
        out.append(fact(f"rx_{rx.medication.split()[0].lower()}", N_("Prescription: {medication}", medication=rx.medication),
                        _prescription(rx),
                        f"Your {rx.medication} prescription is {rx.dosage} {rx.frequency}, with {_refills(rx.refills_left)} "
                        f"left, prescribed by {rx.prescriber}.",
                        (rx.medication.lower().split()[0], "prescription", "dosage", "dose", "refills", "medication")))
    return out


def _refills(n: int) -> str:
    return f"{n} refill" if n == 1 else f"{n} refills"


def _prescription(rx: Prescription) -> str:
    """A prescription on one line, for the card: dose, how often, refills, who prescribed it."""
    values = dict(dosage=rx.dosage, frequency=rx.frequency, n=rx.refills_left, prescriber=rx.prescriber)
    if rx.refills_left == 1:
        return N_("{dosage} {frequency}, {n} refill left, prescribed by {prescriber}", **values)
    return N_("{dosage} {frequency}, {n} refills left, prescribed by {prescriber}", **values)


def tables(p: HealthcarePersona, fmt: Formatter) -> list[Table]:
    return [
        Table(title=N_("Upcoming appointments"),
              columns=(N_("Date"), N_("Time"), N_("Provider"), N_("Specialty"), N_("Location"), N_("Reason")),
              rows=tuple((fmt.date(a.date), fmt.time(a.time), a.provider, a.specialty, a.location, a.reason)
                         for a in p.appointments)),
        Table(title=N_("Prescriptions"),
              columns=(N_("Medication"), N_("Dosage"), N_("Frequency"), N_("Refills"), N_("Prescriber")),
              rows=tuple((rx.medication, rx.dosage, rx.frequency, str(rx.refills_left), rx.prescriber)
                         for rx in p.prescriptions)),
    ]


def headline(p: HealthcarePersona, fmt: Formatter) -> list[Figure]:
    """What a member looks at first: their plan, how far into the deductible and the maximum, their next visit."""
    left = p.deductible - p.deductible_met
    if p.appointments:
        a = p.appointments[0]
        visit = Figure(key="next_appointment", label=N_("Next appointment"), value=fmt.date(a.date),
                       detail=N_("{time} with {provider}", time=fmt.time(a.time), provider=a.provider))
    else:
        visit = Figure(key="next_appointment", label=N_("Next appointment"), value=N_("none scheduled"))
    return [
        Figure(key="plan_name", label=N_("Plan"), value=p.plan_name),
        Figure(key="deductible_met", label=N_("Deductible met so far"), value=fmt.money(p.deductible_met),
               detail=N_("of {deductible}, {left} to go", deductible=fmt.money(p.deductible), left=fmt.money(left))),
        Figure(key="oop_spent", label=N_("Out-of-pocket spent"), value=fmt.money(p.out_of_pocket_spent),
               detail=N_("of {out_of_pocket_max} maximum", out_of_pocket_max=fmt.money(p.out_of_pocket_max))),
        visit,
    ]


# Scenarios: why this member gets in touch today, each told from items of their own record.

NEAR_MAXIMUM = 2
"""Out-of-pocket spending past 1/NEAR_MAXIMUM of the maximum makes the maximum worth asking about."""


def _no_refills(p: HealthcarePersona) -> list[int]:
    return [i for i, rx in enumerate(p.prescriptions) if rx.refills_left == 0]


def _refill_needed(p: HealthcarePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    rx = p.prescriptions[i]
    return Story(
        summary=N_("{first_name} is running low on {medication} {dosage}, last filled on {last_filled}, and the "
                   "prescription from {prescriber} has no refills left.", first_name=p.identity.first_name,
                   medication=rx.medication, dosage=rx.dosage, last_filled=fmt.date(rx.last_filled),
                   prescriber=rx.prescriber),
        questions=(f"Can I get a refill of my {rx.medication}?",
                   f"Can you ask {rx.prescriber} to renew my {rx.medication} prescription?"),
        refs=refs(f"prescriptions[{i}]", rx, "medication", "dosage", "last_filled", "prescriber", "refills_left"),
    )


def _appointments(p: HealthcarePersona) -> list[int]:
    return list(range(len(p.appointments)))


def _reschedule(p: HealthcarePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    a = p.appointments[i]
    return Story(
        summary=N_("{first_name} can't make the {specialty} appointment with {provider} on {date} at {time} and "
                   "wants to move it.", first_name=p.identity.first_name, specialty=a.specialty.lower(),
                   provider=a.provider, date=fmt.date(a.date), time=fmt.time(a.time)),
        questions=(f"Can I move my appointment with {a.provider} on {fmt.short_date(a.date)}?",
                   f"What other times does {a.provider} have?"),
        refs=refs(f"appointments[{i}]", a, "provider", "specialty", "date", "time"),
    )


def _deductible_met(p: HealthcarePersona) -> list[HealthcarePersona]:
    return [p] if p.deductible_met == p.deductible else []


def _bill_after_deductible(p: HealthcarePersona, _: object, fmt: Formatter, rng: Random) -> Story:
    deductible, bill = fmt.money(p.deductible), fmt.money(p.last_claim_amount)
    return Story(
        summary=N_("{first_name} has met the full {deductible} deductible but still got a bill for {bill} after the "
                   "visit on {last_visit}, and wants to know why.", first_name=p.identity.first_name,
                   deductible=deductible, bill=bill, last_visit=fmt.date(p.last_visit)),
        questions=(f"I've met my {deductible} deductible, so why did I get a bill for {bill}?",
                   f"How much more could I pay before I reach my out-of-pocket maximum of "
                   f"{fmt.money(p.out_of_pocket_max)}?"),
        refs=refs("", p, "deductible", "deductible_met", "last_claim_amount", "last_visit", "out_of_pocket_max"),
    )


def _deductible_open(p: HealthcarePersona) -> list[HealthcarePersona]:
    return [p] if p.deductible_met < p.deductible else []


def _deductible_progress(p: HealthcarePersona, _: object, fmt: Formatter, rng: Random) -> Story:
    deductible, bill = fmt.money(p.deductible), fmt.money(p.last_claim_amount)
    return Story(
        summary=N_("{first_name} has met {deductible_met} of the {deductible} deductible and wants to know how much "
                   "of the {bill} bill from the visit on {last_visit} to pay.", first_name=p.identity.first_name,
                   deductible_met=fmt.money(p.deductible_met), deductible=deductible, bill=bill,
                   last_visit=fmt.date(p.last_visit)),
        questions=(f"How much is left to meet on my {deductible} deductible?",
                   f"Do I have to pay the whole {bill} bill from my visit on {fmt.short_date(p.last_visit)}?"),
        refs=refs("", p, "deductible", "deductible_met", "last_claim_amount", "last_visit"),
    )


def _specialist_visits(p: HealthcarePersona) -> list[int]:
    return [i for i, a in enumerate(p.appointments) if a.specialty != PRIMARY_CARE]


def _specialist_referral(p: HealthcarePersona, i: int, fmt: Formatter, rng: Random) -> Story:
    a, specialty = p.appointments[i], p.appointments[i].specialty.lower()
    return Story(
        summary=N_("{first_name} has an appointment with {provider} ({specialty}) on {date} and wants to check "
                   "whether the {plan_name} plan needs a referral from {primary_care_provider}.",
                   first_name=p.identity.first_name, provider=a.provider, specialty=specialty, date=fmt.date(a.date),
                   plan_name=p.plan_name, primary_care_provider=p.primary_care_provider),
        questions=(f"Do I need a referral from {p.primary_care_provider} for my {specialty} appointment on "
                   f"{fmt.short_date(a.date)}?",
                   f"Is {a.provider} in network for my {p.plan_name} plan?"),
        refs=(*refs(f"appointments[{i}]", a, "provider", "specialty", "date"),
              *refs("", p, "primary_care_provider", "plan_name")),
    )


def _near_maximum(p: HealthcarePersona) -> list[HealthcarePersona]:
    return [p] if p.out_of_pocket_spent * NEAR_MAXIMUM >= p.out_of_pocket_max else []


def _out_of_pocket(p: HealthcarePersona, _: object, fmt: Formatter, rng: Random) -> Story:
    maximum = fmt.money(p.out_of_pocket_max)
    return Story(
        summary=N_("{first_name} has spent {out_of_pocket_spent} out of pocket this plan year, against a {maximum} "
                   "maximum, and wants to know what changes once it is reached.", first_name=p.identity.first_name,
                   out_of_pocket_spent=fmt.money(p.out_of_pocket_spent), maximum=maximum),
        questions=(f"How much more until I reach my {maximum} out-of-pocket maximum?",
                   "What will I pay for visits once I reach my out-of-pocket maximum?"),
        refs=refs("", p, "out_of_pocket_spent", "out_of_pocket_max"),
    )


SCENARIOS = (
    ScenarioKind("refill_needed", N_("A prescription with no refills left"), "a prescription with no refills left",
                 _no_refills, _refill_needed, weight=2),
    ScenarioKind("reschedule_appointment", N_("An appointment to move"), "an upcoming appointment",
                 _appointments, _reschedule),
    ScenarioKind("bill_after_deductible", N_("A bill after the deductible"), "the deductible met in full",
                 _deductible_met, _bill_after_deductible, weight=2),
    ScenarioKind("deductible_progress", N_("A bill before the deductible is met"), "a deductible not yet met",
                 _deductible_open, _deductible_progress),
    ScenarioKind("specialist_referral", N_("A referral for a specialist"), "an upcoming appointment with a specialist",
                 _specialist_visits, _specialist_referral),
    ScenarioKind("out_of_pocket", N_("Close to the out-of-pocket maximum"),
                 "out-of-pocket spending of at least half the maximum", _near_maximum, _out_of_pocket, weight=3),
)


def prompts(p: HealthcarePersona, fmt: Formatter) -> list[Example]:
    """Questions from this member's record: their doctors, appointments, prescriptions and plan, one of each."""
    out = [
        Example(text=f"How much of my {fmt.money(p.deductible)} deductible have I met?",
                refs=refs("deductible", p.deductible)),
        Example(text=f"Is {p.primary_care_provider} still my primary care doctor?",
                refs=refs("primary_care_provider", p.primary_care_provider)),
        Example(text=f"Does my {p.plan_name} plan cover physical therapy?", refs=refs("plan_name", p.plan_name)),
    ]
    if p.appointments:
        a = p.appointments[0]
        out.append(Example(text=f"What time is my appointment with {a.provider} on {fmt.short_date(a.date)}?",
                           refs=refs("appointments[0]", a, "provider", "date")))
    if p.prescriptions:
        rx = p.prescriptions[0]
        out.append(Example(text=f"How many refills are left on my {rx.medication}?",
                           refs=refs("prescriptions[0]", rx, "medication")))
    if len(p.prescriptions) > 1:
        last = len(p.prescriptions) - 1
        rx = p.prescriptions[last]
        out.append(Example(text=f"What dose of {rx.medication} am I on?",
                           refs=refs(f"prescriptions[{last}]", rx, "medication")))
    return out


# Actions: what the member can ask the assistant to do on this record (persona.actions, persona.ledger).

REFILL_WAIT_DAYS = 7
"""A refill is refused within this many days of the last fill: the supply can't be gone yet."""
BOOKING_DAYS = 365
"""Appointments can be booked up to a year ahead."""
_SPECIALTY_WORDS = {"gp": PRIMARY_CARE, "family": PRIMARY_CARE, "primary": PRIMARY_CARE, "physical exam": PRIMARY_CARE,
                    "checkup": PRIMARY_CARE, "check-up": PRIMARY_CARE, "skin": "Dermatology", "heart": "Cardiology",
                    "eye": "Ophthalmology", "knee": "Orthopedics", "therapy": "Physical therapy",
                    "physio": "Physical therapy", "allergy": "Allergy and immunology", "diabetes": "Endocrinology"}


def _medication(p: HealthcarePersona, asked: str) -> int | None:
    words = asked.casefold().split()
    return next((i for i, rx in enumerate(p.prescriptions)
                 if rx.medication.casefold() == asked.strip().casefold() or rx.medication.split()[0].casefold() in words),
                None)


class Refill(Arguments):
    medication: Text = Field(description="The medication's name, as on the prescription.")


def _check_refill(p: HealthcarePersona, a: Refill) -> str | None:
    i = _medication(p, a.medication)
    if i is None:
        return f"There is no prescription for {a.medication} on your record."
    rx, fmt = p.prescriptions[i], Formatter(p.locale)
    if rx.refills_left == 0:
        return (f"Your {rx.medication} prescription has no refills left, so it can't be refilled; "
                f"{rx.prescriber} would need to renew it first.")
    if (p.as_of - rx.last_filled).days < REFILL_WAIT_DAYS:
        return (f"Your {rx.medication} was filled on {fmt.date(rx.last_filled)}: a refill can be requested "
                f"{REFILL_WAIT_DAYS} days after the last fill.")
    return None


def _propose_refill(p: HealthcarePersona, a: Refill, fmt: Formatter) -> str:
    rx = p.prescriptions[_medication(p, a.medication)]
    return (f"Request a refill of {rx.medication} {rx.dosage}? It would leave {_refills(rx.refills_left - 1)} on the "
            "prescription.")


def _refill(p: HealthcarePersona, a: Refill, step: Step) -> Effect:
    i = _medication(p, a.medication)
    rx = p.prescriptions[i]
    new = rx.model_copy(update={"refills_left": rx.refills_left - 1, "last_filled": p.as_of})
    return Effect({"prescriptions": (*p.prescriptions[:i], new, *p.prescriptions[i + 1:])},
                  f"Your refill of {rx.medication} {rx.dosage} is requested; {_refills(new.refills_left)} left.")


def _specialty(asked: str) -> str | None:
    text = asked.casefold()
    for name in _SPECIALTIES:
        if name.casefold() in text or text in name.casefold() or name.casefold()[:7] in text:
            return name
    return next((v for k, v in _SPECIALTY_WORDS.items() if k in text), None)


class Book(Arguments):
    specialty: Text = Field(description="Primary care, Dermatology, Cardiology, Orthopedics, Ophthalmology, "
                                        "Physical therapy, Endocrinology, Gastroenterology or Allergy and immunology.")
    date: Day
    time: Clock
    reason: Text | None = Field(None, description="Why the visit, in a few words.")


class Which(Arguments):
    appointment_date: Day | None = Field(None, description="The day of the appointment to change.")
    provider: Text | None = Field(None, description="The doctor of the appointment to change.")


class Move(Which):
    new_date: Day
    new_time: Clock


def _slot_problem(p: HealthcarePersona, day: date, at: time, ignore: int | None = None) -> str | None:
    fmt = Formatter(p.locale)
    if day <= p.as_of:
        return f"Appointments can only be booked after today ({fmt.date(p.as_of)}), not on {fmt.date(day)}."
    if day.weekday() >= 5:
        return f"The clinics see patients on weekdays; {fmt.date(day)} is a weekend."
    if (day - p.as_of).days > BOOKING_DAYS:
        return "Appointments can be booked up to a year ahead."
    if not (time(8) <= at <= time(16, 45) and at.minute % 15 == 0 and not at.second):
        return "Appointments start on the quarter hour from 8:00 to 16:45."
    for j, x in enumerate(p.appointments):
        if j != ignore and (x.date, x.time) == (day, at):
            return f"You already have an appointment with {x.provider} on {fmt.date(day)} at {fmt.time(at)}."
    return None


def _check_book(p: HealthcarePersona, a: Book) -> str | None:
    if _specialty(a.specialty) is None:
        return f"Cedarline has no {a.specialty} clinic; choose one of: {', '.join(_SPECIALTIES)}."
    return _slot_problem(p, a.date, a.time)


def _doctor_for(p: HealthcarePersona, specialty: str) -> str:
    if specialty == PRIMARY_CARE:
        return p.primary_care_provider
    return next((x.provider for x in p.appointments if x.specialty == specialty), "First available doctor")


def _new_appointment(p: HealthcarePersona, a: Book) -> Appointment:
    specialty = _specialty(a.specialty)
    _, clinic, reasons = _SPECIALTIES[specialty]
    return Appointment(date=a.date, time=a.time, provider=_doctor_for(p, specialty), specialty=specialty,
                       location=f"{clinic}, {p.identity.address.city}",
                       reason=" ".join(a.reason.split()).capitalize() if a.reason else reasons[0])


def _propose_book(p: HealthcarePersona, a: Book, fmt: Formatter) -> str:
    x = _new_appointment(p, a)
    return f"Book {x.specialty.lower()} with {x.provider} on {fmt.date(x.date)} at {fmt.time(x.time)}, at {x.location}?"


def _in_order(appointments) -> tuple[Appointment, ...]:
    return tuple(sorted(appointments, key=lambda x: (x.date, x.time)))


def _book(p: HealthcarePersona, a: Book, step: Step) -> Effect:
    x = _new_appointment(p, a)
    return Effect({"appointments": _in_order((*p.appointments, x))},
                  f"Booked: {x.specialty.lower()} with {x.provider} on {step.fmt.date(x.date)} at "
                  f"{step.fmt.time(x.time)}.")


def _which(p: HealthcarePersona, a: Which) -> int | str:
    found = [i for i, x in enumerate(p.appointments)
             if (a.appointment_date is None or x.date == a.appointment_date)
             and (a.provider is None or a.provider.casefold().replace("dr.", "").strip() in x.provider.casefold())]
    if a.appointment_date is None and a.provider is None:
        found = list(range(len(p.appointments))) if len(p.appointments) == 1 else []
        if not found:
            return "Which appointment: on what day, or with which doctor?"
    if not found:
        return "There is no such appointment on your record."
    if len(found) > 1:
        return "That matches several appointments: on what day is the one to change?"
    return found[0]


def _check_which(p: HealthcarePersona, a: Which) -> str | None:
    found = _which(p, a)
    return found if isinstance(found, str) else None


def _check_move_visit(p: HealthcarePersona, a: Move) -> str | None:
    found = _which(p, a)
    if isinstance(found, str):
        return found
    x = p.appointments[found]
    if (x.date, x.time) == (a.new_date, a.new_time):
        fmt = Formatter(p.locale)
        return f"Your appointment with {x.provider} is already on {fmt.date(x.date)} at {fmt.time(x.time)}."
    return _slot_problem(p, a.new_date, a.new_time, ignore=found)


def _propose_move_visit(p: HealthcarePersona, a: Move, fmt: Formatter) -> str:
    x = p.appointments[_which(p, a)]
    return (f"Move your {x.specialty.lower()} appointment with {x.provider} from {fmt.date(x.date)} at "
            f"{fmt.time(x.time)} to {fmt.date(a.new_date)} at {fmt.time(a.new_time)}?")


def _move_visit(p: HealthcarePersona, a: Move, step: Step) -> Effect:
    i = _which(p, a)
    x = p.appointments[i]
    moved = x.model_copy(update={"date": a.new_date, "time": a.new_time})
    return Effect({"appointments": _in_order((*p.appointments[:i], moved, *p.appointments[i + 1:]))},
                  f"Your appointment with {x.provider} is now on {step.fmt.date(a.new_date)} at "
                  f"{step.fmt.time(a.new_time)}.")


def _propose_cancel_visit(p: HealthcarePersona, a: Which, fmt: Formatter) -> str:
    x = p.appointments[_which(p, a)]
    return (f"Cancel your {x.specialty.lower()} appointment with {x.provider} on {fmt.date(x.date)} at "
            f"{fmt.time(x.time)}?")


def _cancel_visit(p: HealthcarePersona, a: Which, step: Step) -> Effect:
    i = _which(p, a)
    x = p.appointments[i]
    return Effect({"appointments": (*p.appointments[:i], *p.appointments[i + 1:])},
                  f"Your appointment with {x.provider} on {step.fmt.date(x.date)} is cancelled.")


def _check_known_rx(p: HealthcarePersona, a: Refill) -> str | None:
    return None if _medication(p, a.medication) is not None else f"There is no prescription for {a.medication} on your record."


def _prescription_details(p: HealthcarePersona, a: Refill, fmt: Formatter) -> str:
    rx = p.prescriptions[_medication(p, a.medication)]
    return (f"{rx.medication} {rx.dosage}, {rx.frequency}; {_refills(rx.refills_left)} left; last filled "
            f"{fmt.date(rx.last_filled)}; prescribed by {rx.prescriber}.")


ACTIONS = (
    Action("request_refill", "Request a refill of one of the member's prescriptions.", Refill,
           _check_refill, _propose_refill, _refill,
           phrases=(
                    r"\brefill\b",
                    r"\b(?:renew|reorder|re-order|more of|run(?:ning)? out of|ran out of)\b[\w ,'’-]{0,30}?\b(?:prescription|medication|meds|pills|inhaler)?",
           )),
    Action("book_appointment", "Book a new appointment at a Cedarline clinic.", Book, _check_book, _propose_book, _book,
           phrases=(
                    r"\b(?:book|schedule|(?<!n't )(?<!not )make|set up|get)\b[\w ,'’-]{0,40}?\b(?:appointment|visit|check-?up|consultation|exam)\b",
                    r"\b(?:see|visit) (?:a|the) (?:doctor|dermatologist|cardiologist|specialist|eye doctor)\b",
                    r"\bbook (?:me|us|in)\b",
           )),
    Action("move_appointment", "Move an upcoming appointment to another day and time.", Move,
           _check_move_visit, _propose_move_visit, _move_visit,
           phrases=(
                    r"\b(?:move|reschedule|change|push|shift|postpone)\b[\w ,.'’-]{0,40}?\b(?:appointment|visit)\b",
                    r"\b(?:appointment|visit)\b[\w ,.'’-]{0,40}?\b(?:to another|moved|rescheduled|to a different)\b",
                    r"\b(?:can'?t|cannot|won'?t) make\b[\w ,.;'’-]{0,40}?\b(?:move|reschedule|change|another|different)\b",
           )),
    Action("cancel_appointment", "Cancel an upcoming appointment.", Which, _check_which, _propose_cancel_visit,
           _cancel_visit,
           phrases=(
                    r"\b(?:cancel|call off|drop|delete)\b[\w ,.'’-]{0,40}?\b(?:appointment|visit)\b",
                    r"\b(?:can'?t|cannot|won'?t) (?:make|come|attend)\b[\w ,.;'’-]{0,40}?\bcancel\b",
           )),
    Action("prescription_details", "Look up one prescription's details.", Refill, _check_known_rx,
           read=_prescription_details,
           phrases=(
                    r"\b(?:details|tell me about|look up)\b[\w ,'’-]{0,40}?\b(?:prescription|medication)\b",
           )),
    *CONTACT_ACTIONS,
)


register(Industry(
    mode="healthcare", label=N_("Healthcare"), institution="Cedarline Health Plan", order=30,
    role="a member services assistant at Cedarline Health Plan, a fictional health insurer and clinic network",
    model=HealthcarePersona, build=build, facts=facts, tables=tables, scenarios=SCENARIOS, prompts=prompts,
    examples=("When is my next appointment?", "How much of my deductible have I met?",
              "What dosage is my prescription?", "Who is my primary care doctor?",
              "How much have I spent out of pocket?"),
    card=CardLayout(headline=headline, holdings=N_("Plan"), listed=("rx_",)), actions=ACTIONS,
    summary=("plan_name", "deductible_met", "oop_spent", "pcp", "next_appointment"),
    capabilities="your plan, deductible, out-of-pocket costs, appointments and prescriptions",
    overview_words=("plan", "health"),
    glossary={"termin": "appointment", "rezept": "prescription", "rezepte": "prescription", "tasche": "pocket",
              "eigener": "out-of-pocket", "selbstbeteiligung": "deductible",
              "rendez-vous": "appointment", "ordonnance": "prescription", "médicament": "medication",
              "poche": "pocket", "franchise": "deductible"},
))
