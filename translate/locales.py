"""Language and locale codes, normalised in one place (babel's ``Locale.parse``)."""

from __future__ import annotations

import difflib
import functools

from babel import Locale
from babel import UnknownLocaleError as BabelUnknownLocale
from babel.localedata import locale_identifiers

from translate.errors import UnknownLocaleError


@functools.lru_cache(maxsize=256)
def parse_locale(code: str) -> Locale:
    """Parse ``hy``, ``hy_AM``, ``hy-AM``, ``ru-RU``, ``HY`` … into a babel Locale.

    Unknown codes raise :class:`UnknownLocaleError` naming near matches.
    """
    cleaned = code.strip().replace("-", "_")
    if not cleaned:
        raise UnknownLocaleError("empty language code: give one such as 'en', 'hy' or 'ru'")
    parts = cleaned.split("_")
    cleaned = "_".join([parts[0].lower(), *parts[1:]])
    try:
        return Locale.parse(cleaned)
    except (ValueError, BabelUnknownLocale):
        near = difflib.get_close_matches(cleaned, locale_identifiers(), n=5, cutoff=0.6)
        # "armenian" → hy: match English language names too.
        names = {name.lower(): language for language, name in Locale("en").languages.items()}
        near += [names[name] for name in difflib.get_close_matches(cleaned.lower(), list(names), n=2, cutoff=0.8)]
        hint = f" Did you mean: {', '.join(sorted(near))}?" if near else ""
        raise UnknownLocaleError(f"unknown language or locale {code!r}.{hint}") from None


def language_of(code: str) -> str:
    """The bare language of a locale code: ``hy-AM`` → ``hy``. This keys models and tables."""
    return parse_locale(code).language


def locale_fallbacks(code: str) -> list[str]:
    """Locale identifiers to look data up under, most specific first: ``hy-AM`` → ``['hy_AM', 'hy']``.

    Catalog directories and per-language tables are keyed by these identifiers, so a
    ``hy_AM`` catalog wins over a ``hy`` one and ``hy`` serves every Armenian locale.
    """
    locale = parse_locale(code)
    chain = [str(locale)]
    if locale.script and locale.territory:
        chain.append(f"{locale.language}_{locale.script}")
    if chain[-1] != locale.language:
        chain.append(locale.language)
    return chain
