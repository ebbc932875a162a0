"""Healthcare questions: plan, cost sharing, appointments, prescriptions, and records a plan never holds."""

from __future__ import annotations

from persona.industries.healthcare import HealthcarePersona

from ..matchers import Amount, Count, Day, Text, dosage, person
from . import Kind, Target, not_on_record, register

MODE = "healthcare"
_OTHER_MEDICATIONS = ("Warfarin", "Prednisone", "Metoprolol", "Lisinopril", "Metformin", "Sertraline")
"""Common prescriptions to ask about; only those the persona is not prescribed become absent targets."""


def _next_appointment(p: HealthcarePersona) -> list[Target]:
    if not p.appointments:
        return []
    first = p.appointments[0]
    return [Target((Day(first.date), person(first.provider)))]


def _unprescribed(p: HealthcarePersona) -> list[Target]:
    held = {rx.medication for rx in p.prescriptions}
    return [not_on_record(medication=name) for name in _OTHER_MEDICATIONS if name not in held]


for _kind in (
    Kind("member_id",
         ("What's my member ID?", "Can you give me my member ID number?",
          "What is my member number?"),
         lambda p: [Target((Text(p.member_id),))]),
    Kind("plan_name",
         ("Which plan am I on?", "What's the name of my health plan?",
          "What health plan do I have?"),
         lambda p: [Target((Text(p.plan_name),))]),
    Kind("pcp",
         ("Who is my primary care doctor?", "Who's my primary care provider?",
          "Which doctor is my PCP?"),
         lambda p: [Target((person(p.primary_care_provider),))]),
    Kind("deductible",
         ("What's my deductible?", "How much is my annual deductible?",
          "How large is my deductible?"),
         lambda p: [Target((Amount(p.deductible),))]),
    Kind("deductible_met",
         ("How much of my deductible have I met?", "How much have I paid toward my deductible so far?",
          "How far along am I toward meeting my deductible?"),
         lambda p: [Target((Amount(p.deductible_met),))]),
    Kind("oop_max",
         ("What's my out-of-pocket maximum?", "What's the most I would pay out of pocket this year?",
          "What's my out-of-pocket limit?"),
         lambda p: [Target((Amount(p.out_of_pocket_max),))]),
    Kind("oop_spent",
         ("How much have I spent out of pocket?", "How much have I paid out of pocket so far this year?",
          "What have I spent out of pocket so far?"),
         lambda p: [Target((Amount(p.out_of_pocket_spent),))]),
    Kind("next_appointment",
         ("When is my next appointment, and with whom?", "Who am I seeing at my next appointment, and when?",
          "Who is my next appointment with, and on what date?"),
         _next_appointment),
    Kind("rx_dosage",
         ("What dosage is my {medication}?", "What dose of {medication} am I prescribed?",
          "How strong is my {medication} prescription?"),
         lambda p: [Target((dosage(rx.dosage),), {"medication": rx.medication}) for rx in p.prescriptions]),
    Kind("rx_refills",
         ("How many refills do I have left on my {medication}?", "How many {medication} refills remain?",
          "Are there refills left on my {medication}?"),
         lambda p: [Target((Count(rx.refills_left, noun="refill"),), {"medication": rx.medication})
                    for rx in p.prescriptions]),
    Kind("last_visit",
         ("When was my last visit?", "When did I last see a doctor?",
          "What was the date of my most recent visit?"),
         lambda p: [Target((Day(p.last_visit),))]),
    Kind("unprescribed_dosage",
         ("What dosage is my {medication}?", "How many refills do I have left on my {medication}?"),
         _unprescribed, absent=True),
    Kind("dental_maximum",
         ("What's my dental plan's annual maximum?", "How much dental coverage do I have left this year?"),
         lambda p: [not_on_record()], absent=True),
    Kind("blood_type",
         ("What's my blood type?", "What was my last cholesterol result?"),
         lambda p: [not_on_record()], absent=True),
):
    register(MODE, _kind)
