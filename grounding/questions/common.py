"""Questions every mode shares: who the customer is and since when."""

from __future__ import annotations

from ..matchers import Day, Text
from . import ALL_MODES, Kind, Target, not_on_record, register

register(ALL_MODES, Kind(
    "name",
    ("What name do you have on file for me?", "Can you confirm my full name?", "Who is this account registered to?",
     "Whose name is on my account?"),
    lambda p: [Target((Text(p.identity.full_name),))],
))
register(ALL_MODES, Kind(
    "member_since",
    ("Since when have I been a customer?", "When did I become a customer with you?",
     "What date did I join?",
     "Since what date have I been with you?"),
    lambda p: [Target((Day(p.member_since),))],
))
register(ALL_MODES, Kind(
    "birth_date",
    ("What date of birth do you have for me?", "When is my birthday according to your records?",
     "Which birthday do you have on file?"),
    lambda p: [Target((Day(p.identity.birth_date),))],
))
register(ALL_MODES, Kind(
    "drivers_license",
    ("What's my driver's license number?", "Which driver's license do you have on file for me?"),
    lambda p: [not_on_record()],
    absent=True,
))

