"""Does a builder's brand (assistant name, renamed institution, extra instructions) cost the model recall?

Asks the grounding eval's questions twice in one run, alternating per persona: once with the built-in
prompt, once with the brand from a TOML file (the README's example by default) applied as the app
applies it. Prints recall and "says not on record" for both, and their ratio. Default backend: whatever
``PERSONA_CHAT_*`` resolves to (with no token, the embedded model and its compact prompt).

    python bench/brand_recall.py [--n 4] [--brand persona_chat.toml] [-v]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grounding.eval import EVAL_MAX_NEW_TOKENS  # noqa: E402
from grounding.questions import questions  # noqa: E402
from grounding.run import personas  # noqa: E402
from inference import NOTICE_MARK, ChatSettings, InferenceConfig, complete, resolve_backend  # noqa: E402
from prompting import Assistant, chat_prompt  # noqa: E402
from webui.brand import Brand, load_brand  # noqa: E402


def readme_brand() -> Brand:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Your brand and instructions", 1)[1]
    text = re.search(r"```toml\n(.*?)```", section, re.S).group(1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "persona_chat.toml"
        path.write_text(text.replace('logo = "docs/', f'logo = "{ROOT}/docs/'), encoding="utf-8")
        return load_brand(path)


async def main(n: int, brand: Brand, modes: list[str], verbose: bool = False) -> None:
    config = InferenceConfig.from_env()
    backend = resolve_backend(config)
    settings = ChatSettings(max_new_tokens=EVAL_MAX_NEW_TOKENS)
    print(f"Backend: {backend.label} (prompt style {backend.prompt_style!r}); {n} personas per mode: {', '.join(modes)}")
    score = {"built-in": [0, 0, 0, 0], "brand": [0, 0, 0, 0]}  # recall right, recall asked, absent right, asked
    for persona in personas(modes, n):
        voice = brand.mode(persona.mode)
        sides = {"built-in": (persona, Assistant()), "brand": (voice.apply(persona), voice.assistant())}
        for question in questions(persona, 2, 5):
            for name, (shown, assistant) in sides.items():
                answer = await complete(chat_prompt(shown, assistant=assistant),
                                        [{"role": "user", "content": question.text}], settings, config=config)
                ok = NOTICE_MARK not in answer and question.correct(answer)
                i = 2 if question.absent else 0
                score[name][i] += ok
                score[name][i + 1] += 1
                if verbose:
                    print(f"{name:<9} {'ok' if ok else 'no'} {question.text!r} -> {answer.strip()[:100]!r}", flush=True)
    for name, (r, rn, a, an) in score.items():
        print(f"{name:<9} recall {r}/{rn} ({r / rn:.0%})   says not on record {a}/{an} ({a / an:.0%})")
    b, p = score["brand"], score["built-in"]
    print(f"ratio brand/built-in: recall {b[0] / max(p[0], 1):.2f}, not on record {b[2] / max(p[2], 1):.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=4, help="personas per mode (default 4)")
    parser.add_argument("--brand", type=Path, default=None, help="a brand TOML file (default: the README's example)")
    parser.add_argument("--modes", default="banking,insurance", help="modes the brand names (default banking,insurance)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each question and both replies")
    args = parser.parse_args()
    asyncio.run(main(args.n, load_brand(args.brand) if args.brand else readme_brand(), args.modes.split(","),
                     args.verbose))
