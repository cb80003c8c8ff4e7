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


@functools.lru_cache(maxsize=1)
def _named_languages() -> frozenset[str]:
    return frozenset(Locale("en").languages)


def language_of(code: str) -> str:
    """The bare language of a locale code: ``hy-AM`` → ``hy``. This keys models and tables.

    A language CLDR names but has no locale data for (``crh``, Crimean Tatar) is accepted
    as its bare code: articles come in it, though babel cannot format dates for it.
    """
    try:
        return parse_locale(code).language
    except UnknownLocaleError:
        bare = code.strip().replace("-", "_").split("_")[0].lower()
        if bare in _named_languages():
            return bare
        raise


def has_locale_data(code: str) -> bool:
    """Whether babel can format for ``code`` (False for ``crh``, which it only names)."""
    try:
        parse_locale(code)
    except UnknownLocaleError:
        return False
    return True


def locale_identifier(code: str) -> str:
    """``hy_AM`` for ``hy-AM``; a bare language code for a language babel has no data for (``crh``)."""
    try:
        return str(parse_locale(code))
    except UnknownLocaleError:
        return language_of(code)


def locale_fallbacks(code: str) -> list[str]:
    """Locale identifiers to look data up under, most specific first: ``hy-AM`` → ``['hy_AM', 'hy']``.

    Catalog directories and per-language tables are keyed by these identifiers, so a
    ``hy_AM`` catalog wins over a ``hy`` one and ``hy`` serves every Armenian locale.
    """
    try:
        locale = parse_locale(code)
    except UnknownLocaleError:
        return [language_of(code)]
    chain = [str(locale)]
    if locale.script and locale.territory:
        chain.append(f"{locale.language}_{locale.script}")
    if chain[-1] != locale.language:
        chain.append(locale.language)
    return chain
