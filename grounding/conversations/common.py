"""Scripts every mode shares: a bank question asked later in a chat, an out-of-record question midway, small talk."""

from __future__ import annotations

from persona import PersonaBase

from ..questions import Question, ask, kinds
from . import ALL_MODES, GREETINGS, Template, natural, not_on_record, recall, register

THANKS = ("Thanks!", "Thank you, that's all for now.", "Great, thank you!", "ok thanks")
WHO = ("Who are you?", "Hi! Who am I talking to?", "What's your name?", "Are you a bot?")
ABILITIES = ("What can you do?", "What can you help me with?", "Hello, what can you do for me?",
             "What kind of questions can I ask you?")


def _recall_questions(p: PersonaBase) -> list[Question]:
    return [q for k in kinds(p.mode, absent=False) if (q := ask(p, k))]


def _absent_questions(p: PersonaBase) -> list[Question]:
    return [q for k in kinds(p.mode, absent=True) if (q := ask(p, k))]


def _later(position: int):
    """The bank's recall questions asked as turn ``position`` (2–4), after a greeting and other questions."""

    def build(p: PersonaBase):
        bank = _recall_questions(p)
        out = []
        for i, q in enumerate(bank):
            other, another = bank[(i + 3) % len(bank)], bank[(i + 7) % len(bank)]
            greeting = GREETINGS[i % len(GREETINGS)]
            before = {2: (greeting,), 3: (greeting, other.text), 4: (other.text, THANKS[i % len(THANKS)], another.text)}
            out.append(((*before[position], q.text), q.text, recall(*q.expect)))
        return out

    return build


def _absent_after(what: str):
    def build(p: PersonaBase):
        bank = _recall_questions(p)
        out = []
        for i, q in enumerate(_absent_questions(p)):
            before = (GREETINGS[i % len(GREETINGS)],) if what == "greeting" else (bank[i % len(bank)].text,)
            out.append(((*before, q.text), q.text, not_on_record))
        return out

    return build


def _small_talk(lines: tuple[str, ...], about: str = "", after_question: bool = False):
    def build(p: PersonaBase):
        score = natural(p, about)
        if after_question:
            bank = _recall_questions(p)
            return [((bank[i % len(bank)].text, line), line, score) for i, line in enumerate(lines)]
        return [((line,), line, score) for line in lines]

    return build


register(ALL_MODES, "later_turn", Template("2nd turn", _later(2)), Template("3rd turn", _later(3)),
         Template("4th turn", _later(4)))
register(ALL_MODES, "absent", Template("after a greeting", _absent_after("greeting")),
         Template("after a question", _absent_after("question")))
register(ALL_MODES, "small_talk",
         Template("greeting", _small_talk(GREETINGS)),
         Template("who are you", _small_talk(WHO, "self")),
         Template("what can you do", _small_talk(ABILITIES, "abilities")),
         Template("thanks", _small_talk(THANKS, after_question=True)),
         Template("how are you", lambda p: [(("Hi!", "How are you today?"), "How are you today?", natural(p))]))
