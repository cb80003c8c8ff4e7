"""English."""

from translate.languages import LanguageRules, QuantityRules, SentenceRules

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
    # Names from the region keep some of their letters in English copy (Erdoğan, Müller).
    characters="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz“”‘’—–…£éèáíóúüöçğşñ",
)
