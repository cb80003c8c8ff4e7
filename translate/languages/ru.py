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
            "через": "accs", "про": "accs", "на": "loct", "за": "accs",
        },
        preposition_alternatives={"в": ("accs",), "во": ("accs",), "на": ("accs",), "за": ("ablt",),
                                  "под": ("accs",), "над": (), "с": ("gent",)},
        motion_verbs=frozenset({
            "прилететь", "вылететь", "полететь", "лететь", "улететь", "прибыть", "приехать", "поехать",
            "уехать", "ехать", "въехать", "переехать", "вернуться", "отправиться", "направиться", "прийти",
            "прибывать", "прилетать", "приезжать", "возвращаться", "отправить", "направить", "доставить",
            "вступить", "войти", "перенести",
        }),
        directional={"в": "accs", "во": "accs", "на": "accs"},
        verb_cases={
            # a direct object
            "встретить": "accs", "посетить": "accs", "покинуть": "accs", "поддержать": "accs",
            "принять": "accs", "критиковать": "accs", "раскритиковать": "accs", "обвинить": "accs",
            "поздравить": "accs", "пригласить": "accs", "признать": "accs", "представлять": "accs",
            "представить": "accs", "возглавить": "accs", "возглавлять": "accs", "назвать": "accs",
            # an addressee
            "позвонить": "datv", "сообщить": "datv", "предложить": "datv", "передать": "datv",
            "помочь": "datv", "угрожать": "datv", "противостоять": "datv", "написать": "datv",
            # the subject after a verb of saying
            "заявить": "nomn", "сказать": "nomn", "отметить": "nomn", "подчеркнуть": "nomn",
            "добавить": "nomn", "сообщать": "nomn", "ответить": "nomn", "говорить": "nomn",
        },
        subject_case="nomn",
        generator="pymorphy3",
    ),
    characters="АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя«»„“—–…№₽",
)
