"""English."""

from translate.languages import LanguageRules, QuantityRules, SentenceRules, TermRules

RULES = LanguageRules(
    code="en",
    sentences=SentenceRules(
        # Titles before a name that sentencex does not know (it knows Mr., Dr., Gen. …).
        never_final=("Ms.", "Amb.", "Ft.", "approx."),
    ),
    quantities=QuantityRules(
        date_orders=("{month} {day}{ordinal},? {year}", "{day}{ordinal} {month},? {year}", "{month} {day}{ordinal}"),
        percent_words=("percent", "per cent"),
        twelve_hour_clock=True,
    ),
    terms=TermRules(
        script="Latin",
        # Plurals of source terms (foreign ministers): the head takes the ending.
        plural_endings=(("ey", "eys"), ("y", "ies"), ("s", "ses"), ("sh", "shes"), ("ch", "ches"), ("x", "xes"),
                        ("", "s")),
        plural_head_before=(" of ",),
    ),
    # Names from the region keep some of their letters in English copy (Erdoğan, Müller).
    characters="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz“”‘’—–…£éèáíóúüöçğşñ",
)
