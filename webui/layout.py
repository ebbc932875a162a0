"""How the page rearranges itself on a phone, for the ids app.py gives its rows and columns.

Side by side (wider than ``NARROW`` px) the chat and the persona card sit level under the persona bar.
Narrower, a demo viewer (the usual phone visitor: someone opening a shared link) gets what a messaging
app shows: the customer strip (``#customer-strip``: avatar, name, reason for contact, a link to the
card), then the chat; the persona bar follows, then the full card. Without this Gradio stacks the
bar, then the whole chat, and the card starts about 1,000 px down.
"""

from __future__ import annotations

NARROW = 1023
"""The widest viewport laid out for a phone (and a tablet held upright). Below 1024 px Gradio caps the page
at 768 px, too narrow for a readable chat beside the card; from 1024 px it is 1024 wide, where app.py's
column min-widths (380 + 340 + the gap) fit, so the columns sit side by side and the strip hides."""

PAGE_CSS = f"""
@media (min-width: {NARROW + 1}px) {{
  #customer-strip {{ display: none !important; }}
}}
@media (max-width: {NARROW}px) {{
  #main-row {{ display: contents; }}
  #chat-column {{ order: 1; }}
  #persona-bar {{ order: 2; }}
  #card-column {{ order: 3; }}
  #chatbot {{ height: min(520px, 55svh) !important; }}  /* the message box stays on the first screen */
}}
"""
"""Page-level rules; the card and the strip style their insides themselves (``webui.card``)."""

PAGE_STYLE = f'<style id="persona-chat-layout">{PAGE_CSS}</style>'
"""The rules as a ``<style>`` for ``gr.HTML(head=...)``: Gradio 6 takes page CSS only at ``launch()``, and the
app is launched by ``python app.py``, ``gradio app.py``, tests and scripts alike."""
