"""Armenian (Eastern)."""

import re

from translate.languages import LanguageRules, PageRules, QuantityRules, SentenceRules, TermRules

RULES = LanguageRules(
    code="hy",
    sentences=SentenceRules(
        # Armenian puts ՜ (exclamation), ՞ (question) and ՛ (emphasis) on the stressed vowel.
        word_internal_marks="\u055c\u055e\u055b",
    ),
    quantities=QuantityRules(
        # CLDR's long format ("2021 թ. մայիսի 21", also with U+2024 ․) and the spelled-out year.
        date_orders=(r"{year} (?:թ\.|թ․|թվականի) {month} {day}", r"{day} {month} {year}(?: թ\.| թ․| թվականի)?",
                     "{month} {day}"),
        percent_words=("տոկոս",),
        compact_width="short",
    ),
    terms=TermRules(
        letters=re.compile(r"[\u0531-\u0556\u0559-\u055F\u0561-\u0587\uFB13-\uFB17]"),
        script="Armenian",
        suffix_sets={
            # Definite -ը/-ն, genitive-dative -ի, dative definite -ին, ablative -ից,
            # instrumental -ով, locative -ում: regular consonant-final nouns and names.
            "noun": ("ը", "ն", "ի", "ին", "ից", "ով", "ում"),
            # Abbreviations take the same suffixes after a hyphen: ՀԱՊԿ-ի.
            "abbreviation": ("-ը", "-ն", "-ի", "-ին", "-ից", "-ով", "-ում"),
        },
        # The case each suffix marks; a bare form is the indefinite nominative (also a
        # destination after a verb of motion, and a title before a name).
        case_suffixes={"": "nom", "ը": "nom-def", "ն": "nom-def", "ի": "gen-dat", "ին": "dat-def",
                       "ից": "abl", "ով": "ins", "ում": "loc"},
        suffix_alternatives={"ը": "ն", "ն": "ը"},
        plural_markers=("ներ", "եր"),
        vowels="աեէըիոօև",
        # Postpositions after a genitive: Լավրովի հետ (with Lavrov), Փաշինյանի մասին (about).
        postpositions={"հետ": "gen-dat", "մասին": "gen-dat", "համար": "gen-dat", "դեմ": "gen-dat",
                       "կողմից": "gen-dat", "վրա": "gen-dat", "նկատմամբ": "gen-dat", "շուրջ": "gen-dat"},
    ),
    pages=PageRules(
        # azatutyun.am captions an archive photo "<what it shows>, արխիվ" ("…, archive").
        caption_endings=(", արխիվ",),
    ),
)
