"""A healthcare persona as a FHIR transaction Bundle, built and validated by ``fhir.resources``.

FHIR R4B (4.3.0) models: ``fhir.resources`` 8 carries R5, R4B and STU3 on pydantic 2, no separate R4
(4.0.1); R4B changed only the medication-definition, evidence and subscription resources, none of which
a bundle here holds, so for these resources R4B and R4 are the same on the wire.

One bundle per patient: Patient, Organization (the plan: payor and insurer), Coverage, a Practitioner per
doctor in the record (the primary care provider first), an Appointment per upcoming appointment, a
MedicationRequest and a MedicationDispense (the last fill) per prescription, and a Claim with its
ExplanationOfBenefit for the last claim. The record holds no diagnosis, so no Condition. Every entry is
POSTed under a ``urn:uuid`` derived from the persona's id (same persona, same ids); the Patient's entry is
conditional on its member id (``ifNoneExist``), so loading a bundle twice does not duplicate the patient.
Identifiers are the record's own fake-safe ones (member id, an SSN in a form never issued, phone numbers
reserved for fiction, RFC 2606 e-mail domains); ``meta.source`` of the bundle and of every resource is
the persona's share link.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from ..locales import get_profile
from ..models import PersonaBase
from .plan import persona_id

FHIR_VERSION = "4.3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://persona-chat.example.org/fhir")
"""Resource ids are uuid5 in this namespace, from the persona's id and the resource's place in the bundle."""
SYSTEM = "https://persona-chat.example.org/fhir"
"""Identifier systems of the fictional institutions, under a domain RFC 2606 reserves."""
SLOT_MINUTES = 15
"""An appointment's length: the record books quarter-hour slots and holds no length of its own."""
ZONES = {"en_US": "America/New_York", "en_GB": "Europe/London", "de_DE": "Europe/Berlin", "fr_FR": "Europe/Paris"}
"""The time zone of a locale's clinics (the record's times are local; FHIR's need an offset)."""

_V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
_TERMINOLOGY = "http://terminology.hl7.org/CodeSystem/"


class NotHealthcareError(ValueError):
    """Only healthcare personas have a FHIR form."""


def _coding(system: str, code: str, display: str | None = None) -> dict:
    coding = {"system": system, "code": code} | ({"display": display} if display else {})
    return {"coding": [coding]}


def _doctor_name(text: str) -> dict:
    """``Dr. Ann Lee`` as a HumanName: the first word after the title is the given name, the rest the family."""
    prefix, _, name = text.partition(" ") if text.startswith("Dr. ") else ("", "", text)
    given, _, family = name.partition(" ")
    out: dict = {"text": text, "family": family or given}
    if family:
        out["given"] = [given]
    if prefix:
        out["prefix"] = [prefix]
    return out


@cache
def _zone(locale: str) -> ZoneInfo:
    return ZoneInfo(ZONES.get(locale, "UTC"))


def _instant(moment: datetime) -> str:
    """ISO 8601 with the offset; UTC as ``Z``, as fhir.resources writes it."""
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class _Ids:
    """Deterministic ``urn:uuid`` full URLs for one persona's resources."""

    def __init__(self, key: str):
        self.key = key

    def __call__(self, kind: str, n: int = 0) -> str:
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{self.key}/{kind}/{n}')}"


def bundle_data(persona: PersonaBase, source: str) -> dict:
    """The bundle as FHIR JSON data, plain JSON types (not yet validated: ``fhir_bundle`` validates it)."""
    if persona.mode != "healthcare":
        raise NotHealthcareError(f"FHIR bundles are for healthcare personas, not {persona.mode}")
    p, key = persona, persona_id(persona)
    ids = _Ids(key)
    meta = {"source": source}
    currency = get_profile(p.locale).currency

    def money(value) -> dict:  # a float, as fhir.resources writes a decimal with places (exact to the cent here)
        return {"value": float(value), "currency": currency}

    ident, address = p.identity, p.identity.address
    member = {"use": "usual", "type": _coding(_V2_0203, "MB", "Member Number"),
              "system": f"{SYSTEM}/member-id", "value": p.member_id}
    patient_ref = {"reference": ids("Patient"), "display": ident.full_name}
    org_ref = {"reference": ids("Organization"), "display": p.institution}
    coverage_ref = {"reference": ids("Coverage")}

    identifiers = [member, {"system": f"{SYSTEM}/persona", "value": key}]
    if ident.ssn:
        identifiers.append({"type": _coding(_V2_0203, "SS", "Social Security number"),
                            "system": "http://hl7.org/fhir/sid/us-ssn", "value": ident.ssn})
    patient = {
        "resourceType": "Patient", "meta": meta, "identifier": identifiers, "active": True,
        "name": [{"use": "official", "text": ident.full_name, "family": ident.last_name, "given": [ident.first_name]}],
        "telecom": [{"system": "phone", "value": ident.phone, "use": "home"},
                    {"system": "email", "value": ident.email}],
        "birthDate": ident.birth_date.isoformat(),
        "address": [{"text": address.formatted, "line": [address.street], "city": address.city,
                     **({"state": address.region} if address.region else {}),
                     "postalCode": address.postcode, "country": address.country}],
        "communication": [{"language": _coding("urn:ietf:bcp:47", p.locale.replace("_", "-")), "preferred": True}],
    }
    organization = {
        "resourceType": "Organization", "meta": meta, "active": True, "name": p.institution,
        "type": [_coding(_TERMINOLOGY + "organization-type", "ins", "Insurance Company")],
    }
    coverage = {
        "resourceType": "Coverage", "meta": meta, "identifier": [member], "status": "active",
        "type": _coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIP", "health insurance plan policy"),
        "subscriber": patient_ref, "subscriberId": p.member_id, "beneficiary": patient_ref,
        "relationship": _coding(_TERMINOLOGY + "subscriber-relationship", "self"),
        "period": {"start": p.member_since.isoformat()}, "payor": [org_ref],
        "class": [{"type": _coding(_TERMINOLOGY + "coverage-class", "plan"), "value": p.plan_name, "name": p.plan_name}],
        "costToBeneficiary": [
            {"type": _coding(_TERMINOLOGY + "coverage-copay-type", "deductible"), "valueMoney": money(p.deductible)},
            {"type": _coding(_TERMINOLOGY + "coverage-copay-type", "maxoutofpocket"),
             "valueMoney": money(p.out_of_pocket_max)},
        ],
    }

    doctors: dict[str, str] = {}

    def doctor(name: str) -> dict:
        if name not in doctors:
            doctors[name] = ids("Practitioner", len(doctors))
        return {"reference": doctors[name], "display": name}

    doctor(p.primary_care_provider)
    appointments = []
    for a in p.appointments:
        start = datetime.combine(a.date, a.time, tzinfo=_zone(p.locale))  # wall-clock arithmetic below
        appointments.append({
            "resourceType": "Appointment", "meta": meta, "status": "booked",
            "specialty": [{"text": a.specialty}], "reasonCode": [{"text": a.reason}],
            "description": f"{a.reason} ({a.specialty}) at {a.location}",
            "start": _instant(start), "end": _instant(start + timedelta(minutes=SLOT_MINUTES)),
            "minutesDuration": SLOT_MINUTES,
            "participant": [
                {"actor": patient_ref, "required": "required", "status": "accepted"},
                {"actor": doctor(a.provider), "required": "required", "status": "accepted"},
                {"actor": {"display": a.location}, "required": "information-only", "status": "accepted"},
            ],
        })
    requests, dispenses = [], []
    for i, rx in enumerate(p.prescriptions):
        drug = {"text": rx.medication}
        dosage = [{"text": f"{rx.dosage} {rx.frequency}"}]
        requests.append({
            "resourceType": "MedicationRequest", "meta": meta, "status": "active", "intent": "order",
            "medicationCodeableConcept": drug, "subject": patient_ref, "requester": doctor(rx.prescriber),
            "dosageInstruction": dosage, "dispenseRequest": {"numberOfRepeatsAllowed": rx.refills_left},
        })
        dispenses.append({
            "resourceType": "MedicationDispense", "meta": meta, "status": "completed",
            "medicationCodeableConcept": drug, "subject": patient_ref,
            "authorizingPrescription": [{"reference": ids("MedicationRequest", i)}],
            "whenHandedOver": rx.last_filled.isoformat(), "dosageInstruction": dosage,
        })
    practitioners = [{"resourceType": "Practitioner", "meta": meta, "active": True, "name": [_doctor_name(name)]}
                     for name in doctors]
    professional = _coding(_TERMINOLOGY + "claim-type", "professional")
    visit = p.last_visit.isoformat()
    claim = {
        "resourceType": "Claim", "meta": meta, "status": "active", "type": professional, "use": "claim",
        "patient": patient_ref, "billablePeriod": {"start": visit, "end": visit}, "created": visit,
        "insurer": org_ref, "provider": org_ref, "priority": _coding(_TERMINOLOGY + "processpriority", "normal"),
        "insurance": [{"sequence": 1, "focal": True, "coverage": coverage_ref}],
        "total": money(p.last_claim_amount),
    }
    eob = {
        "resourceType": "ExplanationOfBenefit", "meta": meta, "status": "active", "type": professional,
        "use": "claim", "patient": patient_ref, "billablePeriod": {"start": visit, "end": visit}, "created": visit,
        "insurer": org_ref, "provider": org_ref, "claim": {"reference": ids("Claim")}, "outcome": "complete",
        "insurance": [{"focal": True, "coverage": coverage_ref}],
        "total": [{"category": _coding(_TERMINOLOGY + "adjudication", "submitted"), "amount": money(p.last_claim_amount)}],
        "benefitBalance": [{
            "category": _coding(_TERMINOLOGY + "ex-benefitcategory", "30", "Health Benefit Plan Coverage"),
            "term": _coding(_TERMINOLOGY + "benefit-term", "annual"),
            "financial": [
                {"type": _coding(_TERMINOLOGY + "benefit-type", "deductible"),
                 "allowedMoney": money(p.deductible), "usedMoney": money(p.deductible_met)},
                {"type": {"text": "Out-of-pocket maximum"},
                 "allowedMoney": money(p.out_of_pocket_max), "usedMoney": money(p.out_of_pocket_spent)},
            ],
        }],
    }
    entries = [(ids("Patient"), patient, {"ifNoneExist": f"identifier={SYSTEM}/member-id|{p.member_id}"}),
               (ids("Organization"), organization, {}), (ids("Coverage"), coverage, {})]
    entries += [(ids("Practitioner", i), r, {}) for i, r in enumerate(practitioners)]
    entries += [(ids("Appointment", i), r, {}) for i, r in enumerate(appointments)]
    entries += [(ids("MedicationRequest", i), r, {}) for i, r in enumerate(requests)]
    entries += [(ids("MedicationDispense", i), r, {}) for i, r in enumerate(dispenses)]
    entries += [(ids("Claim"), claim, {}), (ids("ExplanationOfBenefit"), eob, {})]
    return {
        "resourceType": "Bundle", "id": ids("Bundle").removeprefix("urn:uuid:"), "meta": meta,
        "identifier": {"system": f"{SYSTEM}/persona", "value": key}, "type": "transaction",
        "timestamp": f"{p.as_of.isoformat()}T00:00:00Z",
        "entry": [{"fullUrl": url, "resource": resource,
                   "request": {"method": "POST", "url": resource["resourceType"], **extra}}
                  for url, resource, extra in entries],
    }


def validate_bundle(data: dict):
    """``data`` as a ``fhir.resources`` R4B Bundle; an invalid bundle raises pydantic's ``ValidationError``."""
    from fhir.resources.R4B.bundle import Bundle  # imported on first use: the library takes ~0.5 s to load

    return Bundle.model_validate(data)


def fhir_bundle(persona: PersonaBase, source: str):
    """The persona's transaction Bundle as a validated ``fhir.resources`` R4B model."""
    return validate_bundle(bundle_data(persona, source))


def fhir_json(persona: PersonaBase, source: str, indent: int | None = None) -> str:
    """The persona's Bundle as FHIR JSON text, validated first.

    Written from the validated data with the standard library: it is what the library's own
    ``model_dump_json`` gives (a test compares them), about 30 times faster.
    """
    data = bundle_data(persona, source)
    validate_bundle(data)
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
