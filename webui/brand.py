"""The builder's own brand and instructions, read from a TOML file: title, accent colour, logo, and per mode
the institution, the assistant's name, a welcome message and extra instructions for the system prompt.

``PERSONA_CHAT_CONFIG`` (``AppConfig.config_file``) names the file; without it ``persona_chat.toml`` next to app.py is read when it
exists, and with neither every default is today's built-in, fictional one. A file that can't be used
stops start-up with one line naming the key (``BrandError``, a ``ConfigError`` like the environment's).
"""

from __future__ import annotations

import base64
import re
import string
import tomllib
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, ValidationError, field_validator

from envconfig import ConfigError
from persona import PersonaBase, list_modes
from prompting import Assistant

CONFIG_VAR = "PERSONA_CHAT_CONFIG"
DEFAULT_FILE = "persona_chat.toml"
DEFAULT_TITLE = "Persona Chat"
LOGO_MAX_BYTES = 512 * 1024
"""Logos travel inside the page as a data URI: a header logo needs no more."""

WELCOME_FIELDS = ("first_name", "full_name", "assistant_name", "institution")
"""What a welcome message may name in braces, e.g. "Hi {first_name}, I'm {assistant_name}"."""

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_RASTER = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class BrandError(ConfigError):
    """The brand file can't be used; the message is one line naming the file and the key."""


class ModeBrand(BaseModel):
    """One industry's assistant as the builder presents it; unset fields keep the built-in behaviour."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    institution: Annotated[Text, Field(max_length=80)] | None = Field(
        None, description="Your institution's name; replaces the fictional one on the card, in prompts and exports.")
    assistant_name: Annotated[Text, Field(max_length=40)] | None = Field(
        None, description='The assistant introduces itself by this name ("You are Nora, …").')
    welcome: Annotated[Text, Field(max_length=1000)] | None = Field(
        None, description="The chat's first assistant message, shown but never sent to the model; may name "
                          + ", ".join("{" + f + "}" for f in WELCOME_FIELDS) + ".")
    instructions: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] = Field(
        "", description="Your policy text, appended to the system prompt of every backend.")

    @field_validator("welcome")
    @classmethod
    def _known_placeholders(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            parts = list(string.Formatter().parse(value))
        except ValueError as exc:
            raise ValueError(f"{exc}; write {{{{ and }}}} for literal braces") from None
        for _, name, spec, conversion in parts:
            if name is not None and (name not in WELCOME_FIELDS or spec or conversion):
                raise ValueError(f"unknown placeholder {{{name}}}; use "
                                 + ", ".join("{" + f + "}" for f in WELCOME_FIELDS))
        return value

    def assistant(self) -> Assistant:
        return Assistant(name=self.assistant_name, instructions=self.instructions)

    def apply(self, persona: PersonaBase) -> PersonaBase:
        """The persona as this brand shows it: its institution renamed; generation and goldens untouched."""
        if self.institution is None or self.institution == persona.institution:
            return persona
        return persona.model_copy(update={"institution": self.institution})

    def welcome_for(self, persona: PersonaBase) -> str | None:
        """The welcome message for this (branded) persona, placeholders filled in."""
        if self.welcome is None:
            return None
        return self.welcome.format(first_name=persona.identity.first_name, full_name=persona.identity.full_name,
                                   assistant_name=self.assistant_name or "your assistant",
                                   institution=persona.institution)


class Brand(BaseModel):
    """The whole file. ``logo`` is resolved against the file's folder and must be a small image."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Annotated[Text, Field(max_length=80)] = Field(DEFAULT_TITLE, description="Page title and header.")
    accent_color: str | None = Field(None, description='Buttons, links and highlights, as hex: "#0f766e" or "#0a7".')
    logo: Path | None = Field(None, description="A PNG, JPEG, GIF, WebP or SVG file (at most 512 KiB) shown "
                                                "in the header; relative paths start at the file's folder.")
    modes: dict[str, ModeBrand] = Field(default_factory=dict, description="Per industry: [modes.banking] etc.")
    _logo_uri: str | None = PrivateAttr(None)

    @field_validator("modes")
    @classmethod
    def _known_modes(cls, value: dict[str, ModeBrand]) -> dict[str, ModeBrand]:
        unknown = sorted(set(value) - set(list_modes()))
        if unknown:
            raise ValueError(f"unknown mode {unknown[0]!r}; choose among {', '.join(list_modes())}")
        return value

    @field_validator("accent_color")
    @classmethod
    def _hex_colour(cls, value: str | None) -> str | None:
        if value is not None and not _HEX.fullmatch(value):
            raise ValueError(f'{value!r} is not a hex colour; write it like "#0f766e" or "#0a7"')
        return value.lower() if value else value

    @field_validator("logo")
    @classmethod
    def _readable_image(cls, value: Path | None, info) -> Path | None:
        if value is None:
            return None
        base = (info.context or {}).get("base", Path.cwd())
        path = (base / value.expanduser()).resolve()
        logo_data_uri(path)  # raises ValueError with the reason
        return path

    def model_post_init(self, context: Any) -> None:
        if self.logo is not None:
            self._logo_uri = logo_data_uri(self.logo)

    def mode(self, mode: str) -> ModeBrand:
        """The brand for ``mode``; an industry the file doesn't mention gets the built-in defaults."""
        return self.modes.get(mode) or _DEFAULT_MODE

    def header_html(self, tagline: str) -> str:
        """The page header: logo (inline, nothing else served) and title; every text escaped."""
        logo = (f'<img class="brand-logo" src="{self._logo_uri}" alt="" '
                'style="height:40px;width:auto;max-width:160px;object-fit:contain">') if self._logo_uri else ""
        return (f'<div class="brand-header" style="display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center">{logo}'
                '<div style="flex:1 1 200px;min-width:0;overflow-wrap:anywhere">'
                f'<h2 class="brand-title" style="margin:0">{escape(self.title)}</h2>'
                f'<p style="margin:0;opacity:.75">{escape(tagline)}</p></div></div>')

    def css(self) -> str:
        """CSS that paints Gradio's accent variables in the brand colour (light and dark themes alike)."""
        if not self.accent_color:
            return ""
        c = _long_hex(self.accent_color)
        names = ("--color-accent", "--button-primary-background-fill", "--button-primary-background-fill-hover",
                 "--button-primary-border-color", "--button-primary-border-color-hover", "--slider-color",
                 "--checkbox-background-color-selected", "--checkbox-border-color-selected", "--loader-color",
                 "--link-text-color", "--link-text-color-hover", "--link-text-color-visited",
                 "--border-color-accent")
        body = "".join(f"{n}:{c};" for n in names) + f"--color-accent-soft:{c}22;--button-primary-text-color:#fff;"
        return f":root,.dark,gradio-app,.gradio-container{{{body}}}"


_DEFAULT_MODE = ModeBrand()


def _long_hex(color: str) -> str:
    return "#" + "".join(ch * 2 for ch in color[1:]) if len(color) == 4 else color


def logo_data_uri(path: Path) -> str:
    """The logo as a data URI: checked to be a small image of a known format, whatever its name says."""
    if not path.is_file():
        raise ValueError(f"no such file: {path}")
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        raise ValueError(f"{path.name} is {size // 1024} KiB; use an image of at most {LOGO_MAX_BYTES // 1024} KiB")
    data = path.read_bytes()
    mime = _image_type(data)
    if mime is None:
        raise ValueError(f"{path.name} is not a PNG, JPEG, GIF, WebP or SVG image")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _image_type(data: bytes) -> str | None:
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
            return _RASTER.get(image.format or "")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        pass
    return "image/svg+xml" if _is_svg(data) else None


def _is_svg(data: bytes) -> bool:
    """An SVG document's root element is <svg>. It is shown through <img>, where an SVG runs no script."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return False
    return root.tag in {"svg", "{http://www.w3.org/2000/svg}svg"}


def _describe(error: Mapping[str, Any]) -> str:
    key = ".".join(str(part) for part in error["loc"]) or "(file)"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown key; " + _known_keys(error["loc"])
    return f"{key}: {message}"


def _known_keys(loc: tuple) -> str:
    model = ModeBrand if len(loc) >= 3 and loc[0] == "modes" else Brand
    return "the keys here are " + ", ".join(model.model_fields)


def load_brand(path: Path, shown_as: str | None = None) -> Brand:
    """Read and validate a brand file; any problem raises ``BrandError`` as one line naming the key."""
    shown = shown_as or str(path)
    try:
        with open(path, "rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        raise BrandError(f"{shown}: no such file (set {CONFIG_VAR} to your brand file, or unset it)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BrandError(f"{shown}: can't be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise BrandError(f"{shown}: not valid TOML: {exc}") from None
    try:
        return Brand.model_validate(data, context={"base": path.resolve().parent})
    except ValidationError as exc:
        errors = exc.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise BrandError(f"{shown}: {_describe(errors[0])}{more}") from None


def find_brand(named: str | None, app_dir: Path | None = None) -> Brand:
    """The brand in force: the file ``PERSONA_CHAT_CONFIG`` names, else ``persona_chat.toml`` beside app.py, else defaults."""
    named = (named or "").strip()
    if named:
        return load_brand(Path(named).expanduser(), shown_as=named)
    default = (app_dir or Path(__file__).resolve().parents[1]) / DEFAULT_FILE
    return load_brand(default, shown_as=DEFAULT_FILE) if default.is_file() else Brand()
