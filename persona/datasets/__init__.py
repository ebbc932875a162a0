"""Many personas at once, for other systems: JSON Lines, CSV (with a table per list) and FHIR bundles.

``python -m persona generate`` is the command (``cli``); the pieces are here for programs:

>>> from datetime import date
>>> plan = Plan(modes=("healthcare",), locales=("en_US",), as_of=date(2026, 1, 15), count=2)
>>> [persona_id(plan.persona(s)) for s in plan.seeds()]
['healthcare-0-en_US', 'healthcare-1-en_US']
"""

from .fhir import NotHealthcareError, bundle_data, fhir_bundle, fhir_json, validate_bundle
from .formats import FORMATS, Encoder, Format
from .jsonl import jsonl_line
from .output import AtomicFiles, OutputExistsError, table_path
from .plan import DEFAULT_LINK_BASE, Plan, persona_id, share_link
from .run import Summary, run
from .tabular import BASE_COLUMNS, TABLE_KEY, columns, record_columns, record_tables, table_columns

__all__ = [
    "BASE_COLUMNS",
    "DEFAULT_LINK_BASE",
    "FORMATS",
    "TABLE_KEY",
    "AtomicFiles",
    "Encoder",
    "Format",
    "NotHealthcareError",
    "OutputExistsError",
    "Plan",
    "Summary",
    "bundle_data",
    "columns",
    "fhir_bundle",
    "fhir_json",
    "jsonl_line",
    "persona_id",
    "record_columns",
    "record_tables",
    "run",
    "share_link",
    "table_columns",
    "table_path",
    "validate_bundle",
]
