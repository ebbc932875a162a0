"""The builder's brand file: the README's example takes effect everywhere; a bad file is one clear line."""

from __future__ import annotations

import asyncio
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from envconfig import ConfigError
from inference import BackendInfo, ChatSettings, InferenceConfig
from persona import generate, get_industry
from prompting import build_system_prompt, chat_prompt
from webui import handlers, open_session, respond
from webui.brand import Brand, BrandError, find_brand, load_brand

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 1, 15)
LOCAL = BackendInfo("local", "SmolLM2", "Local", "compact", 2048)
HOSTED = BackendInfo("hosted", "big", "Hosted", "full", 8192)
QUESTION = [{"role": "user", "content": "What is my checking balance?"}]


def readme_toml() -> str:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Your brand and instructions", 1)[1]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


@pytest.fixture
def readme_brand(tmp_path) -> Brand:
    """The README's example file, saved next to a copy of the logo it names, as a builder would."""
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "example-logo.svg", tmp_path / "docs")
    path = tmp_path / "persona_chat.toml"
    path.write_text(readme_toml(), encoding="utf-8")
    return find_brand(str(path))


def test_the_readme_example_takes_effect(readme_brand):
    brand = readme_brand
    assert brand.title == "Northwind Demo Studio" and brand.accent_color == "#0f766e"
    header = brand.header_html("All data is fake.")
    assert 'src="data:image/svg+xml;base64,' in header and "Northwind Demo Studio" in header
    assert "--button-primary-background-fill:#0f766e" in brand.css()

    session = open_session("banking", 42, "en_US", as_of=AS_OF, brand=brand)
    first = session.persona.identity.first_name
    assert session.persona.institution == "Northwind Bank"
    card = handlers.show(session).card
    assert "Northwind Bank" in card and "Larkspur" not in card
    assert session.welcome == f"Hi {first}, I'm Nora from Northwind Bank. How can I help you today?"
    policy = "Never quote interest rates or fees; offer to connect the customer with an advisor instead."
    for backend in (HOSTED, LOCAL):  # both prompt styles: the full prompt and the embedded model's one line
        system, _ = chat_prompt(session.persona, assistant=session.assistant)(backend, QUESTION)
        assert system.startswith("You are Nora, a customer service assistant at Northwind Bank")
        assert "Larkspur" not in system and "fictional retail bank" not in system
        assert system.endswith(f"Instructions from Northwind Bank:\n{policy}")

    insurance = open_session("insurance", 42, "en_US", as_of=AS_OF, brand=brand)
    assert insurance.persona.institution == "Northwind Mutual" and insurance.welcome is None
    system, _ = chat_prompt(insurance.persona, assistant=insurance.assistant)(HOSTED, QUESTION)
    assert system.startswith("You are Ian, a policyholder service assistant at Northwind Mutual.")
    assert "Instructions from" not in system

    # an industry the file doesn't mention keeps the built-in, fictional everything
    plain = open_session("healthcare", 42, "en_US", as_of=AS_OF, brand=brand)
    built_in = generate("healthcare", 42, "en_US", AS_OF)
    assert plain.persona == built_in and plain.welcome is None
    assert chat_prompt(plain.persona, assistant=plain.assistant)(HOSTED, QUESTION) == chat_prompt(built_in)(HOSTED,
                                                                                                          QUESTION)


def test_a_brand_renames_but_never_regenerates(readme_brand):
    branded = open_session("banking", 42, "en_US", as_of=AS_OF, brand=readme_brand).persona
    built_in = generate("banking", 42, "en_US", AS_OF)
    assert branded.model_dump(exclude={"institution"}) == built_in.model_dump(exclude={"institution"})
    assert built_in.institution == get_industry("banking").institution  # the engine's own value is unchanged


def test_without_a_file_everything_is_built_in(tmp_path):
    brand = find_brand(None, app_dir=tmp_path)
    assert brand == Brand() and brand.title == "Persona Chat" and brand.css() == ""
    session = open_session("banking", 42, "en_US", as_of=AS_OF, brand=brand)
    assert session.welcome is None and "<img" not in brand.header_html("x")
    assert chat_prompt(session.persona, assistant=session.assistant)(HOSTED, QUESTION)[0] == \
        build_system_prompt(generate("banking", 42, "en_US", AS_OF))


def test_the_file_next_to_app_py_is_read_and_the_variable_wins(tmp_path):
    (tmp_path / "persona_chat.toml").write_text('title = "Beside the app"\n', encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('title = "Named by the variable"\n', encoding="utf-8")
    assert find_brand(None, app_dir=tmp_path).title == "Beside the app"
    assert find_brand(str(other), app_dir=tmp_path).title == "Named by the variable"


def _png(path: Path, size: int = 8) -> Path:
    from PIL import Image

    Image.new("RGB", (size, size), "#0f766e").save(path, "PNG")
    return path


@pytest.mark.parametrize(("toml", "message"), [
    ('[modes.banking]\nassistant_name = 5\n', "modes.banking.assistant_name: Input should be a valid string"),
    ('[modes.banking]\nassistant = "Nora"\n',
     "modes.banking.assistant: unknown key; the keys here are institution, assistant_name, welcome, instructions"),
    ('colour = "#fff"\n', "colour: unknown key; the keys here are title, accent_color, logo, modes"),
    ('[modes.mortgages]\ninstitution = "X"\n', "modes: unknown mode 'mortgages'; choose among banking, insurance"),
    ('accent_color = "teal"\n', "accent_color: 'teal' is not a hex colour; write it like \"#0f766e\" or \"#0a7\""),
    ('accent_color = "#12345"\n', "accent_color: '#12345' is not a hex colour"),
    ('title = "   "\n', "title: String should have at least 1 character"),
    ('[modes.banking]\ninstitution = ""\n', "modes.banking.institution: String should have at least 1 character"),
    ('[modes.banking]\nwelcome = "Hi {name}"\n', "modes.banking.welcome: unknown placeholder {name}; use {first_name}"),
    ('[modes.banking]\nwelcome = "Hi {first_name.__class__}"\n', "modes.banking.welcome: unknown placeholder"),
    ('[modes.banking]\nwelcome = "Hi {first_name:>99999}"\n', "modes.banking.welcome: unknown placeholder"),
    ('[modes.banking]\nwelcome = "Hi {"\n', "modes.banking.welcome: Single '{' encountered"),
    ('logo = "missing.png"\n', "logo: no such file: "),
    ('logo = "notes.png"\n', "logo: notes.png is not a PNG, JPEG, GIF, WebP or SVG image"),
    ('logo = "huge.png"\n', "logo: huge.png is "),
    ('title = "unterminated\n', "not valid TOML: "),
    ('modes = "banking"\n', "modes: Input should be a valid dictionary"),
])
def test_a_bad_file_stops_start_up_with_one_line_naming_the_key(tmp_path, toml, message):
    (tmp_path / "notes.png").write_text("not an image", encoding="utf-8")
    (tmp_path / "huge.png").write_bytes(_png(tmp_path / "h.png").read_bytes() + b"\0" * 600_000)
    path = tmp_path / "persona_chat.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        find_brand(None, app_dir=tmp_path)
    text = str(caught.value)
    assert isinstance(caught.value, BrandError) and "\n" not in text
    assert text.startswith(f"persona_chat.toml: {message}"), text


def test_a_missing_named_file_says_which_variable_named_it(tmp_path):
    with pytest.raises(BrandError, match=r"^/nowhere/brand.toml: no such file \(set PERSONA_CHAT_CONFIG"):
        find_brand("/nowhere/brand.toml", app_dir=tmp_path)


def test_several_problems_are_counted_on_the_one_line(tmp_path):
    path = tmp_path / "b.toml"
    path.write_text('title = 1\naccent_color = "red"\n', encoding="utf-8")
    with pytest.raises(BrandError, match=r"^.*b.toml: title: Input should be a valid string \(and 1 more\)$"):
        load_brand(path)


def test_logos_are_checked_by_content_and_inlined(tmp_path):
    png = _png(tmp_path / "logo.png")
    disguised = tmp_path / "logo.gif"
    disguised.write_bytes(png.read_bytes())
    for name, mime in (("logo.png", "image/png"), ("logo.gif", "image/png")):
        path = tmp_path / "b.toml"
        path.write_text(f'logo = "{name}"\n', encoding="utf-8")
        assert f'src="data:{mime};base64,' in load_brand(path).header_html("")


def test_an_svg_logo_with_a_script_is_only_ever_an_image(tmp_path):
    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                                       encoding="utf-8")
    path = tmp_path / "b.toml"
    path.write_text('logo = "logo.svg"\ntitle = "<b>Acme</b> & Co"\n', encoding="utf-8")
    header = load_brand(path).header_html("<i>tag</i>")
    assert "<script" not in header and "<b>" not in header and "<i>" not in header
    assert "&lt;b&gt;Acme&lt;/b&gt; &amp; Co" in header and '<img class="brand-logo" src="data:image/svg+xml;' in header


def test_short_hex_colours_are_expanded_for_css(tmp_path):
    assert "--color-accent:#00aa77;" in Brand(accent_color="#0A7").css()


def test_the_welcome_is_shown_but_never_sent_to_the_model(readme_brand, fake_openai):
    session = open_session("banking", 42, "en_US", as_of=AS_OF, brand=readme_brand)
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                       "PERSONA_CHAT_MODEL": "ok:brand-welcome"})  # the owner's allowed model
    history = [{"role": "assistant", "content": [{"type": "text", "text": session.welcome}]}]

    async def run() -> list[str]:
        settings = ChatSettings()
        return [c async for c in respond("Hello?", history, session, settings, config)]

    assert asyncio.run(run())[-1]
    sent = fake_openai.requests_for("ok:brand-welcome")[-1]["body"]["messages"]
    assert [m["role"] for m in sent][:2] == ["system", "user"]  # the conversation opens with the customer
    assert all(session.welcome not in str(m["content"]) for m in sent)
    assert sent[0]["content"].startswith("You are Nora, a customer service assistant at Northwind Bank")
    assert sent[0]["content"].rstrip().endswith("offer to connect the customer with an advisor instead.")


def test_only_the_brands_own_welcome_is_taken_out_of_the_history():
    from webui.chat import without_welcome

    welcome = "Hi Ann, I'm Nora."
    turns = [{"role": "assistant", "content": [{"type": "text", "text": welcome}]},
             {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]
    assert without_welcome(turns, welcome) == turns[1:]
    assert without_welcome(turns, None) == turns  # no brand welcome: nothing is taken
    assert without_welcome(turns, "Something else") == turns
    assert without_welcome(turns[1:], "Hi") == turns[1:]  # a user turn is never the welcome


def test_the_persona_download_holds_the_brands_institution_never_a_stale_file(readme_brand):
    from webui import write_download

    plain = open_session("banking", 42, "en_US", as_of=AS_OF)
    branded = open_session("banking", 42, "en_US", as_of=AS_OF, brand=readme_brand)
    first, second = write_download(plain.persona), write_download(branded.persona)
    assert first != second and write_download(branded.persona) == second  # same content, same file
    assert '"institution": "Northwind Bank"' in Path(second).read_text(encoding="utf-8")
    assert '"institution": "Larkspur Savings Bank"' in Path(first).read_text(encoding="utf-8")
