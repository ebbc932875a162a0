"""Costs Gradio 6.31 adds to every streamed update that the app can spare without changing what it does.

``gradio.route_utils.call_process_api`` wraps every call, so every yield of a streaming chat, in
``utils.MatplotlibBackendMananger``, which runs ``import matplotlib`` on entry and on exit. Where matplotlib
isn't installed (this app doesn't need it), each of those failed imports searches every ``sys.path`` entry
again: about a sixth of the server's CPU while hosted replies stream at full speed (bench/app_speed.py).
"""

from __future__ import annotations

import importlib.util
import sys


def spare_failed_imports() -> None:
    """Record matplotlib as absent (``sys.modules[name] = None``) so each failed import fails at once.

    Only when it can't be imported anyway: an installed matplotlib is left alone. Idempotent.
    """
    if "matplotlib" not in sys.modules and importlib.util.find_spec("matplotlib") is None:
        sys.modules["matplotlib"] = None
