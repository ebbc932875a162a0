"""The chat's inputs as components that hand an event the value as it was sent.

Gradio's own preprocessing refuses a bad value with a message that names no input (a Slider's bounds, a
Dropdown's choices) or turns anything into text (a Textbox's ``str()``). The chat checks every value itself
(``handlers.check_input``: the Settings by ``ChatSettings``, the model by ``inference``) and names the input
that is wrong, so these pass the value through (``preprocess`` is the components' public hook). They render as
their parent component (``is_template``, as ``gr.templates`` does). Gradio writes a ``.pyi`` beside any module
that defines a component: ``webui/inputs.pyi`` is generated (and ignored by git).
"""

from __future__ import annotations

from typing import Any

import gradio as gr


class SettingSlider(gr.Slider):
    """A Settings slider (temperature, max new tokens); ``ChatSettings`` checks its value."""

    is_template = True  # Gradio renders a template as its first base class: keep gr.Slider first

    def preprocess(self, payload: Any) -> Any:
        return payload


class ModelPicker(gr.Dropdown):
    """The Settings model picker; ``inference`` decides which models a visitor may use."""

    is_template = True

    def preprocess(self, payload: Any) -> Any:
        return payload


class MessageBox(gr.Textbox):
    """The chat input; a message that isn't text is refused naming it, never turned into text."""

    is_template = True

    def preprocess(self, payload: Any) -> Any:
        return payload
