"""Crimean Tatar (qırımtatar tili).

CLDR gives Cyrillic as its likely script, but RFE/RL's Crimean Tatar service
(ktat.krymr.com) writes it in the Latin alphabet (ñ, ı, â, ü …), as most of its readers do:
a Latin-script block of such an article is in the article's language, not English.
"""

from translate.languages import LanguageRules

RULES = LanguageRules(code="crh", script="LATIN")
