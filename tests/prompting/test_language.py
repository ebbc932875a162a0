"""Language detection: German and French questions are told from English ones by their function words."""

from __future__ import annotations

import pytest

from prompting.language import detect_language

CASES = {
    "en": ["What's my checking balance?", "and my savings?", "hi", "Thanks!", "When is that due?", "FreshMart",
           "Who prescribed my Lisinopril?", "What about the second one?", "Can you summarize my account?", ""],
    "de": ["Was ist mein Kontostand?", "Wie hoch ist meine Selbstbeteiligung?", "Hallo!", "Danke schön",
           "Wann ist meine nächste Prämie fällig?", "Ich möchte meinen Kontostand wissen",
           "Wie viel Geld habe ich auf meinem Sparkonto?"],
    "fr": ["Quel est le solde de mon compte courant ?", "Quand est due ma prochaine prime ?", "Bonjour",
           "Merci beaucoup", "Combien ai-je déjà payé de ma poche ?", "Quelle est ma franchise ?"],
}


@pytest.mark.parametrize(("language", "text"), [(lang, t) for lang, texts in CASES.items() for t in texts])
def test_detects_the_language_of_short_messages(language, text):
    assert detect_language(text) == language
