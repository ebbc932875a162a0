"""Actions every industry offers on the identity a persona shares: update the address or the phone number.

A new phone number must lie in a range reserved for fiction in the persona's locale, as every
number in the record does (``fakesafe``): a demo never stores a number someone could be called on.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

from . import fakesafe
from .actions import Action, Arguments, Effect, Step, Text
from .locales import Formatter, get_profile
from .models import Address, PersonaBase

_US_DIGITS = re.compile(r"\D")


class UpdatePhone(Arguments):
    phone: Annotated[str, Field(min_length=3, max_length=30, description="The new phone number, as the customer "
                                                                           "writes it.")]


class UpdateAddress(Arguments):
    street: Text
    city: Text
    postcode: Annotated[str, Field(min_length=2, max_length=12)]
    region: Annotated[str | None, Field(max_length=40, description="State or region, where the country uses one.")] = None


def normal_phone(locale: str, phone: str) -> str:
    """The number as the record writes it: "(212) 555-0142" from "212 555 0142" in en_US; spaces tidied elsewhere."""
    phone = " ".join(phone.split())
    if locale == "en_US":
        digits = _US_DIGITS.sub("", phone)
        digits = digits[1:] if len(digits) == 11 and digits[0] == "1" else digits
        if len(digits) == 10:
            return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return phone


def _check_phone(p: PersonaBase, a: UpdatePhone) -> str | None:
    phone = normal_phone(p.locale, a.phone)
    if phone == p.identity.phone:
        return f"{phone} is already the phone number on file."
    if not fakesafe.is_fictional_phone(p.locale, phone):
        return (f"{a.phone} is not a number reserved for fiction, and this demo only keeps fictional numbers "
                f"(like the one on file, {p.identity.phone}).")
    return None


def _propose_phone(p: PersonaBase, a: UpdatePhone, fmt: Formatter) -> str:
    return f"Change the phone number on file from {p.identity.phone} to {normal_phone(p.locale, a.phone)}?"


def _set_phone(p: PersonaBase, a: UpdatePhone, step: Step) -> Effect:
    phone = normal_phone(p.locale, a.phone)
    return Effect({"identity": p.identity.model_copy(update={"phone": phone})},
                  f"The phone number on file is now {phone}.")


def _address(p: PersonaBase, a: UpdateAddress) -> Address:
    profile = get_profile(p.locale)
    region = a.region.strip() if a.region and profile.has_region else None
    street, city, postcode = (" ".join(x.split()) for x in (a.street, a.city, a.postcode))
    return Address(street=street, city=city, postcode=postcode, region=region, country=profile.country,
                   formatted=profile.address_format.format(street=street, city=city, postcode=postcode,
                                                           region=region or ""))


def _check_address(p: PersonaBase, a: UpdateAddress) -> str | None:
    if get_profile(p.locale).has_region and not (a.region and a.region.strip()):
        return "Which state is the new address in? An address here needs one."
    if _address(p, a).formatted == p.identity.address.formatted:
        return "That is already the address on file."
    return None


def _propose_address(p: PersonaBase, a: UpdateAddress, fmt: Formatter) -> str:
    return f"Change your address from {p.identity.address.formatted} to {_address(p, a).formatted}?"


def _set_address(p: PersonaBase, a: UpdateAddress, step: Step) -> Effect:
    new = _address(p, a)
    return Effect({"identity": p.identity.model_copy(update={"address": new})},
                  f"Your address on file is now {new.formatted}.")


CONTACT_ACTIONS = (
    Action("update_phone", "Change the customer's phone number on file.", UpdatePhone,
           _check_phone, _propose_phone, _set_phone,
           phrases=(
                    r"\b(?:update|change|new|replace|correct)\b[\w ,'’-]{0,20}?\b(?:phone|mobile|cell|telephone)(?: number)?\b",
                    r"\bmy (?:new )?(?:phone|mobile|cell)(?: number)? is\b",
           )),
    Action("update_address", "Change the customer's postal address on file.", UpdateAddress,
           _check_address, _propose_address, _set_address,
           phrases=(
                    r"\b(?:update|change|new|replace|correct)\b[\w ,'’-]{0,20}?\baddress\b",
                    r"\b(?:i(?:'ve| have)? moved|i'm moving|moved house)\b",
           )),
)
"""Declared by every industry (each lists them with its own actions)."""
