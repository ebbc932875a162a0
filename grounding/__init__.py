"""Does the assistant use the persona? A question bank per mode, a scorer, and the eval that runs them.

    python -m grounding.eval            # recall per mode and overall, baseline vs the app's prompt

``questions`` holds the bank (kinds registered per mode), ``matchers`` and ``refusal`` the scoring,
``run`` puts questions through ``inference`` and ``report`` prints the tables.
"""
