"""``python -m loopback [--host H] [--port N]``: the fault-injecting fake OpenAI server, standalone (for benches)."""

from .fake_openai import main

main()
