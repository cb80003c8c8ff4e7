"""Russian."""

import re

from translate.languages import LanguageRules, QuantityRules, SentenceRules, TermRules

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

RULES = LanguageRules(
    code="ru",
    sentences=SentenceRules(
        # "то есть", "сравни", "например", "имени", "генерал": never the last word.
        never_final=("т. е.", "ср.", "напр.", "им.", "ген."),
        # Currency and "и так далее" end sentences too; sentencex never breaks after them.
        final_before_capital=("долл.", "руб.", "тыс.", "и т. д.", "и т. п."),
    ),
    quantities=QuantityRules(
        date_orders=(r"{day} {month} {year}(?: года| г\.)?", "{day} {month}"),
        percent_words=("процентов", "процента", "процент"),
        compact_width="short",
    ),
    terms=TermRules(
        letters=re.compile(r"[\u0400-\u04FF]"),
        script="Cyrillic",
        cases=CASES,
        prepositions={
            "в": "loct", "во": "loct", "о": "loct", "об": "loct", "обо": "loct", "при": "loct",
            "из": "gent", "от": "gent", "до": "gent", "без": "gent", "у": "gent", "для": "gent",
            "около": "gent", "после": "gent", "против": "gent", "со стороны": "gent",
            "к": "datv", "ко": "datv", "по": "datv", "благодаря": "datv",
            "с": "ablt", "со": "ablt", "над": "ablt", "под": "ablt", "перед": "ablt", "между": "ablt",
            "через": "accs", "про": "accs",
        },
        generator="pymorphy3",
    ),
    characters="АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»„“—–…№₽",
)
