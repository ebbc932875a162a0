"""The dataset formats: CSV through the csv module with the documented columns, every FHIR bundle validated
by fhir.resources (and one kept as a golden file), fake-safe identifiers on every row of a 2,000-persona run."""

from __future__ import annotations

import copy
import csv
import importlib.util
import io
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from persona import generate, list_modes
from persona.datasets import (
    BASE_COLUMNS,
    bundle_data,
    columns,
    fhir_bundle,
    fhir_json,
    persona_id,
    table_columns,
    validate_bundle,
)
from persona.datasets.cli import main

ROOT = Path(__file__).resolve().parents[3]
AS_OF = "2026-01-15"
LINK = "http://127.0.0.1:7860/"


def _fakesafe_rules():
    """The rules tests/persona/test_fakesafe.py writes from the regulators' lists (one place for them)."""
    spec = importlib.util.spec_from_file_location("fakesafe_rules", ROOT / "tests" / "persona" / "test_fakesafe.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RULES = _fakesafe_rules()


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def test_csv_headers_are_stable(golden):
    """Columns only change on purpose: a new record field shows up here (and must be documented)."""
    headers = {"main": {mode: list(columns([mode])) for mode in list_modes()} | {"all": list(columns(list_modes()))},
               "tables": {name: list(cols) for name, cols in table_columns(list_modes()).items()}}
    golden("golden/csv_headers.json", json.dumps(headers, indent=2) + "\n")


def test_every_column_is_documented_in_the_readme():
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Datasets", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    wanted = set(columns(list_modes())) | {c for cols in table_columns(list_modes()).values() for c in cols}
    assert wanted - documented == set()


def test_csv_reads_back_through_the_csv_module(tmp_path):
    out = tmp_path / "people.csv"
    assert main(["--mode", "all", "--locale", "all", "--count", "48", "--as-of", AS_OF, "--format", "csv",
                 "--tables", "--out", str(out), "--workers", "2"]) == 0
    header, rows = _read_csv(out)
    assert header == list(columns(list_modes())) and len(rows) == 48
    personas = {}
    for row in rows:
        p = generate(row["mode"], int(row["seed"]), row["locale"], date(2026, 1, 15))
        personas[row["id"]] = p
        assert row["id"] == persona_id(p) and row["full_name"] == p.identity.full_name
        assert row["scenario_kind"] == p.scenario.kind and row["scenario_title"] == p.scenario.title
        assert row["address"] == p.identity.address.formatted and row["ssn"] == (p.identity.ssn or "")
        for name in columns([p.mode])[len(BASE_COLUMNS):]:  # the industry's own facts, unformatted
            value = getattr(p, name)
            assert row[name] == (format(value, "f") if isinstance(value, Decimal) else
                                 value.isoformat() if isinstance(value, date) else str(value)), name
        others = set(header) - set(columns([p.mode]))
        assert all(row[name] == "" for name in others)  # another industry's columns stay empty
    for table, cols in table_columns(list_modes()).items():
        header, table_rows = _read_csv(tmp_path / f"people.{table}.csv")
        assert header == list(cols)
        expected = [(key, i) for key, p in personas.items() for i, _ in enumerate(getattr(p, table, ()))]
        assert [(r["persona_id"], int(r["position"])) for r in table_rows] == expected
        for r in table_rows:  # each row is the record's item at that position
            item = getattr(personas[r["persona_id"]], table)[int(r["position"])]
            first = cols[2]
            assert r[first] == str(getattr(item, first)) or r[first] == getattr(item, first).isoformat()


def test_fake_safe_identifiers_on_every_row_of_a_2000_persona_run(tmp_path):
    out = tmp_path / "all.csv"
    assert main(["--mode", "all", "--locale", "all", "--count", "2000", "--as-of", AS_OF, "--format", "csv",
                 "--out", str(out), "--workers", "2"]) == 0
    _, rows = _read_csv(out)
    assert len(rows) == 2000 and {r["locale"] for r in rows} == set(RULES.PHONES)
    for r in rows:
        assert RULES.PHONES[r["locale"]].fullmatch(r["phone"]), r["phone"]
        assert RULES.EMAIL.fullmatch(r["email"]), r["email"]
        if r["locale"] == "en_US":
            assert re.fullmatch(r"\d{3}-\d{2}-\d{4}", r["ssn"]) and RULES.ssn_never_issued(r["ssn"]), r["ssn"]
        else:
            assert r["ssn"] == ""
        if r["mode"] == "banking":
            assert r["card_number"] in RULES.PUBLISHED_TEST_CARDS
            assert RULES.MASKED.fullmatch(r["checking_account"]) and RULES.MASKED.fullmatch(r["savings_account"])
        if r["mode"] == "healthcare":
            assert re.fullmatch(r"CDL\d{9}", r["member_id"])


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> list[str]:
    """A FHIR run across the four locales, as the command writes it."""
    out = tmp_path_factory.mktemp("fhir") / "patients.ndjson"
    assert main(["--mode", "healthcare", "--locale", "all", "--count", "80", "--as-of", AS_OF, "--format", "fhir",
                 "--out", str(out), "--workers", "2"]) == 0
    return out.read_text(encoding="utf-8").splitlines()


def test_every_fhir_bundle_validates_and_holds_the_record(bundles):
    assert len(bundles) == 80
    for seed, line in enumerate(bundles):
        bundle = Bundle.model_validate_json(line)  # the library's own validation, from the text
        p = generate("healthcare", seed, ("en_US", "en_GB", "de_DE", "fr_FR")[seed % 4], date(2026, 1, 15))
        assert bundle.type == "transaction" and bundle.meta.source == (
            f"{LINK}?mode=healthcare&seed={seed}&locale={p.locale}&scenario={p.scenario.kind}")
        kinds = [e.resource.get_resource_type() for e in bundle.entry]
        assert kinds[:3] == ["Patient", "Organization", "Coverage"] and kinds[-2:] == ["Claim", "ExplanationOfBenefit"]
        assert kinds.count("Appointment") == len(p.appointments)
        assert kinds.count("MedicationRequest") == kinds.count("MedicationDispense") == len(p.prescriptions)
        assert "Condition" not in kinds  # the record holds no diagnosis
        assert all(e.resource.meta.source == bundle.meta.source for e in bundle.entry)
        assert all(e.request.method == "POST" and e.request.url == k for e, k in zip(bundle.entry, kinds, strict=True))
        patient, coverage = bundle.entry[0].resource, bundle.entry[2].resource
        assert patient.birthDate == p.identity.birth_date and patient.name[0].family == p.identity.last_name
        assert coverage.subscriberId == p.member_id and coverage.class_fhir[0].value == p.plan_name
        requests = [e.resource for e in bundle.entry if e.resource.get_resource_type() == "MedicationRequest"]
        assert [r.dispenseRequest.numberOfRepeatsAllowed for r in requests] == [rx.refills_left for rx in p.prescriptions]
        claim = bundle.entry[-2].resource
        assert claim.total.value == p.last_claim_amount and claim.created.isoformat() == p.last_visit.isoformat()
        refs = {e.fullUrl for e in bundle.entry}
        assert all(ref in refs for ref in re.findall(r'"reference":"([^"]+)"', line))  # references stay inside


def test_fhir_identifiers_are_fake_safe(bundles):
    for line in bundles:
        data = json.loads(line)
        patient = data["entry"][0]["resource"]
        locale = patient["communication"][0]["language"]["coding"][0]["code"].replace("-", "_")
        phone, email = (t["value"] for t in patient["telecom"])
        assert RULES.PHONES[locale].fullmatch(phone) and RULES.EMAIL.fullmatch(email)
        ids = {i["system"]: i["value"] for i in patient["identifier"]}
        assert re.fullmatch(r"CDL\d{9}", ids["https://persona-chat.example.org/fhir/member-id"])
        ssn = ids.get("http://hl7.org/fhir/sid/us-ssn")
        assert (ssn is not None) == (locale == "en_US") and (ssn is None or RULES.ssn_never_issued(ssn))


def test_the_bundle_text_is_the_librarys_and_invalid_data_is_refused():
    p = generate("healthcare", 5, "de_DE", date(2026, 1, 15))
    text = fhir_json(p, LINK)
    assert json.loads(text) == json.loads(fhir_bundle(p, LINK).model_dump_json())
    data = bundle_data(p, LINK)
    for break_it in (lambda d: d["entry"][0]["resource"].update(birthDate="15.01.1990"),
                     lambda d: d["entry"][2]["resource"].pop("beneficiary"),
                     lambda d: d["entry"][2]["resource"].pop("status"),
                     lambda d: d["entry"][2]["resource"].update(colour="red"),
                     lambda d: d["entry"][3]["resource"].update(active="sometimes")):
        # (codes are not checked against their value sets: fhir.resources checks structure, types and cardinality)
        broken = copy.deepcopy(data)
        break_it(broken)
        with pytest.raises(ValidationError):
            validate_bundle(broken)


def test_a_fixed_bundle_golden(golden):
    p = generate("healthcare", 42, "en_US", date(2026, 1, 15))
    golden("golden/fhir-healthcare-en_US-42.json", fhir_json(p, f"{LINK}?mode=healthcare&seed=42&locale=en_US",
                                                             indent=2) + "\n")


def test_only_healthcare_has_a_fhir_form():
    from persona.datasets import NotHealthcareError

    with pytest.raises(NotHealthcareError, match="healthcare"):
        fhir_json(generate("banking", 1, "en_US", date(2026, 1, 15)), LINK)


def test_csv_text_needs_no_special_reader():
    """Quotes, commas and non-ASCII letters survive the csv module's round trip (RFC 4180, UTF-8)."""
    from persona.datasets.tabular import CsvRows

    rows = CsvRows(("a", "b"))
    text = (rows.header_line() + rows.lines([["Müller, \"Jo\"", Decimal("-1.50")], [None, date(2026, 1, 2)]])).decode()
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ['Müller, "Jo"', "-1.50"], ["", "2026-01-02"]]
