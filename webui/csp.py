"""The page's Content-Security-Policy: nothing loads from anywhere but the app's own address.

Whatever markup reached the page (a reply's Markdown, a Mermaid diagram's theme CSS, an SVG, a planted
``<link>``), the visitor's browser fetches nothing from another host: ``default-src 'self'`` covers every kind of
request a directive below doesn't name (fonts, stylesheets, scripts, fetch/SSE, beacons, workers, manifests).
Each source beyond ``'self'`` is there because Gradio 6.31's page needs it. It is a ``<meta>`` in the page's
head (a launch option, so it holds wherever the app runs); ``frame-ancestors`` can't be set there, which
leaves embedding to the host (Spaces embeds the app in an iframe).
"""

from __future__ import annotations

from html import escape

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    # Gradio's page is built by inline scripts (its config, our page.js in the head) and runs the js= hooks of
    # events and gr.HTML's js_on_load through new Function(): without these two the page would not start.
    "script-src": ("'self'", "'unsafe-inline'", "'unsafe-eval'"),
    # Svelte sets inline styles, and the theme, the brand's colours and gr.HTML's css_template arrive as <style>.
    "style-src": ("'self'", "'unsafe-inline'"),
    # Gradio's icons and the brand's logo are data: URIs; files it shows may be blob: URLs.
    "img-src": ("'self'", "data:", "blob:"),
    "media-src": ("'self'", "data:", "blob:"),
    # Gradio's bundled fonts are served by the app; a theme may inline one as data:.
    "font-src": ("'self'", "data:"),
    "frame-src": ("'none'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}


def policy() -> str:
    """The policy as one header value."""
    return "; ".join(f"{directive} {' '.join(sources)}" for directive, sources in POLICY.items())


def csp_meta() -> str:
    """The ``<meta>`` that sets the policy, for the page's head."""
    return f'<meta http-equiv="Content-Security-Policy" content="{escape(policy())}">'
