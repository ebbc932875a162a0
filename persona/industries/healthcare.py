"""Health plan membership: plan, deductible and out-of-pocket, appointments, prescriptions."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from ..distributions import Weights, lognormal_money, money, next_weekday
from ..facts import fact
from ..locales import Formatter
from ..models import Frozen, NonNegativeMoney, PersonaBase, Table
from ..registry import Draw, Industry, register

# Plan: (weight, deductible, out-of-pocket maximum), in the metal tiers US plans use.
_PLANS = {
    "Bronze HMO 6000": (18, 6000, 9200),
    "Silver PPO 3500": (38, 3500, 8000),
    "Gold PPO 1500": (30, 1500, 6000),
    "Platinum PPO 500": (14, 500, 3500),
}
# Specialty: (weight, reasons).
_SPECIALTIES = {
    "Primary care": (34, ("Annual physical", "Follow-up visit", "Blood pressure check", "Flu symptoms")),
    "Dermatology": (10, ("Skin check", "Mole evaluation", "Rash follow-up")),
    "Cardiology": (9, ("Echocardiogram review", "Heart rhythm follow-up")),
    "Orthopedics": (10, ("Knee pain follow-up", "Shoulder evaluation", "Back pain")),
    "Ophthalmology": (9, ("Annual eye exam", "Glaucoma screening")),
    "Physical therapy": (10, ("Therapy session", "Post-surgery rehab")),
    "Endocrinology": (8, ("Diabetes management", "Thyroid follow-up")),
    "Gastroenterology": (5, ("Colonoscopy consultation", "Reflux follow-up")),
    "Obstetrics and gynecology": (5, ("Annual exam", "Consultation")),
}
# Common maintenance prescriptions: (medication, dosages, frequency).
_MEDICATIONS = (
    ("Lisinopril", ("10 mg", "20 mg"), "once daily"),
    ("Atorvastatin", ("20 mg", "40 mg"), "once daily at bedtime"),
    ("Metformin", ("500 mg", "1000 mg"), "twice daily with meals"),
    ("Levothyroxine", ("50 mcg", "75 mcg", "100 mcg"), "once daily before breakfast"),
    ("Amlodipine", ("5 mg", "10 mg"), "once daily"),
    ("Sertraline", ("50 mg", "100 mg"), "once daily"),
    ("Omeprazole", ("20 mg", "40 mg"), "once daily before a meal"),
    ("Albuterol inhaler", ("90 mcg",), "2 puffs every 4 to 6 hours as needed"),
    ("Losartan", ("25 mg", "50 mg"), "once daily"),
    ("Gabapentin", ("300 mg",), "three times daily"),
    ("Montelukast", ("10 mg",), "once daily in the evening"),
    ("Escitalopram", ("10 mg",), "once daily"),
)


_PLAN_WEIGHTS = Weights({name: spec[0] for name, spec in _PLANS.items()})
_SPECIALTY_WEIGHTS = Weights({name: spec[0] for name, spec in _SPECIALTIES.items()})
_APPOINTMENT_COUNT = Weights({0: 15, 1: 40, 2: 30, 3: 15})


class Appointment(Frozen):
    date: date
    time: time
    provider: str
    specialty: str
    location: str
    reason: str


class Prescription(Frozen):
    medication: str
    dosage: str
    frequency: str
    refills_left: int = Field(ge=0, le=11)
    prescriber: str
    last_filled: date


class HealthcarePersona(PersonaBase):
    mode: Literal["healthcare"] = "healthcare"
    member_id: str = Field(pattern=r"^CDL\d{9}$")
    plan_name: str
    primary_care_provider: str
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
            raise ValueError("deductible_met exceeds the deductible")
        if not self.deductible_met <= self.out_of_pocket_spent <= self.out_of_pocket_max:
            raise ValueError("out-of-pocket spent must lie between deductible met and the maximum")
        if any(a.date <= self.as_of for a in self.appointments):
            raise ValueError("appointments are after as_of")
        if any(a.date.weekday() >= 5 for a in self.appointments):
            raise ValueError("appointments fall on weekdays")
        if not self.member_since <= self.last_visit <= self.as_of:
            raise ValueError("last_visit is a past event during membership")
        if any(rx.last_filled > self.as_of for rx in self.prescriptions):
            raise ValueError("prescriptions were filled before as_of")
        return self


def _doctor(d: Draw) -> str:
    return f"Dr. {d.fake.first_name()} {d.fake.last_name()}"


def build(d: Draw) -> dict:
    rng, as_of = d.rng, d.as_of
    plan = _PLAN_WEIGHTS.draw(rng)
    _, deductible, oop_max = _PLANS[plan]
    if rng.random() < 0.2:
        met = Decimal(deductible)
    else:
        met = money(deductible * rng.betavariate(1.3, 2.2))
        met = min(met, Decimal(deductible))
    extra = money(rng.lognormvariate(5.5, 1.0)) if met == deductible else Decimal("0.00")
    spent = min(met + extra, Decimal(oop_max))
    pcp = _doctor(d)
    city = d.identity.address.city
    appointments = []
    for _ in range(_APPOINTMENT_COUNT.draw(rng)):
        specialty = _SPECIALTY_WEIGHTS.draw(rng)
        appointments.append(Appointment(
            date=next_weekday(as_of + timedelta(days=rng.randint(1, 90))),
            time=time(8 + (slot := rng.randrange(36)) // 4, 15 * (slot % 4)),
            provider=pcp if specialty == "Primary care" else _doctor(d),
            specialty=specialty,
            location=f"Cedarline {specialty.split()[0].capitalize()} Clinic, {city}"
            if specialty != "Primary care" else f"Cedarline Family Medicine, {city}",
            reason=rng.choice(_SPECIALTIES[specialty][1]),
        ))
    appointments.sort(key=lambda a: (a.date, a.time))
    n_rx = min(len(_MEDICATIONS), max(0, round(rng.gauss(d.identity.age / 25, 1.0))))
    prescriptions = tuple(
        Prescription(medication=name, dosage=rng.choice(doses), frequency=freq,
                     refills_left=rng.randint(0, 5), prescriber=pcp if rng.random() < 0.75 else _doctor(d),
                     last_filled=as_of - timedelta(days=rng.randint(1, 80)))
        for name, doses, freq in rng.sample(_MEDICATIONS, n_rx))
    tenure = (as_of - d.member_since).days
    return dict(
        member_id=f"CDL{rng.randrange(10**9):09d}", plan_name=plan, primary_care_provider=pcp,
        deductible=Decimal(deductible), deductible_met=met, out_of_pocket_max=Decimal(oop_max),
        out_of_pocket_spent=spent, appointments=tuple(appointments), prescriptions=prescriptions,
        last_visit=as_of - timedelta(days=min(rng.randint(3, 300), tenure)),
        last_claim_amount=lognormal_money(rng, 182.0, 0.9, 12, 40_000),
    )


def facts(p: HealthcarePersona, fmt: Formatter) -> list:
    out = [
        fact("member_id", "Member ID", p.member_id, keywords=("member", "id", "number", "card")),
        fact("plan_name", "Plan", p.plan_name, f"Your plan is {p.plan_name}.", ("plan", "insurance", "coverage", "health", "name")),
        fact("pcp", "Primary care provider", p.primary_care_provider,
             keywords=("doctor", "primary", "pcp", "physician", "provider")),
        fact("deductible", "Deductible", fmt.money(p.deductible), keywords=("deductible", "annual", "yearly")),
        fact("deductible_met", "Deductible met so far", fmt.money(p.deductible_met),
             f"You have met {fmt.money(p.deductible_met)} of your {fmt.money(p.deductible)} deductible.",
             ("deductible", "met", "paid", "far")),
        fact("oop_max", "Out-of-pocket maximum", fmt.money(p.out_of_pocket_max),
             keywords=("out-of-pocket", "pocket", "maximum", "max", "oop", "most", "cap", "limit")),
        fact("oop_spent", "Out-of-pocket spent", fmt.money(p.out_of_pocket_spent),
             f"You have spent {fmt.money(p.out_of_pocket_spent)} out of pocket this plan year.",
             ("out-of-pocket", "pocket", "spent", "oop", "paid", "far", "year")),
        fact("last_visit", "Last visit", fmt.date(p.last_visit), f"Your last visit was on {fmt.date(p.last_visit)}.",
             ("last", "visit", "seen", "saw", "see", "doctor", "went")),
        fact("last_claim_amount", "Last claim amount", fmt.money(p.last_claim_amount),
             keywords=("claim", "last", "bill")),
    ]
    if p.appointments:
        a = p.appointments[0]
        when = f"{fmt.date(a.date)} at {a.time:%H:%M}"
        out.append(fact("next_appointment", "Next appointment",
                        f"{when} with {a.provider} ({a.specialty}) at {a.location}, for {a.reason.lower()}",
                        f"Your next appointment is on {when} with {a.provider} ({a.specialty}) at {a.location}, "
                        f"for {a.reason.lower()}.",
                        ("next", "appointment", "when", "see", "visit", "scheduled", "doctor")))
    else:
        out.append(fact("next_appointment", "Next appointment", "none scheduled",
                        "You have no upcoming appointments scheduled.", ("next", "appointment", "scheduled")))
    for rx in p.prescriptions:
        out.append(fact(f"rx_{rx.medication.split()[0].lower()}", f"Prescription: {rx.medication}",
                        f"{rx.dosage} {rx.frequency}, {rx.refills_left} refills left, prescribed by {rx.prescriber}",
                        f"Your {rx.medication} prescription is {rx.dosage} {rx.frequency}, with {rx.refills_left} "
                        f"refills left, prescribed by {rx.prescriber}.",
                        (rx.medication.lower().split()[0], "prescription", "dosage", "dose", "refills", "medication")))
    return out


def tables(p: HealthcarePersona, fmt: Formatter) -> list[Table]:
    return [
        Table(title="Upcoming appointments", columns=("Date", "Time", "Provider", "Specialty", "Location", "Reason"),
              rows=tuple((fmt.date(a.date), f"{a.time:%H:%M}", a.provider, a.specialty, a.location, a.reason)
                         for a in p.appointments)),
        Table(title="Prescriptions", columns=("Medication", "Dosage", "Frequency", "Refills", "Prescriber"),
              rows=tuple((rx.medication, rx.dosage, rx.frequency, str(rx.refills_left), rx.prescriber)
                         for rx in p.prescriptions)),
    ]


register(Industry(
    mode="healthcare", label="Healthcare", institution="Cedarline Health Plan", order=30,
    role="a member services assistant at Cedarline Health Plan, a fictional health insurer and clinic network",
    model=HealthcarePersona, build=build, facts=facts, tables=tables,
    examples=("When is my next appointment?", "How much of my deductible have I met?",
              "What dosage is my prescription?", "Who is my primary care doctor?",
              "How much have I spent out of pocket?"),
))
