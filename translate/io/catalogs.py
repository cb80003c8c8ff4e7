"""UI-string catalogs: gettext PO/MO files read and written with babel, keyed by site.

The page chrome of each site (the skip-link heading, the player's "please wait", …) is
localisation, not translation: people maintain its wording per locale in gettext
catalogs, laid out as gettext and pybabel expect::

    <catalogs>/chrome.pot                      the template: every msgid, English
    <catalogs>/<locale>/LC_MESSAGES/chrome.po  one per locale (hy, ru, en, hy_AM …)
    <catalogs>/<locale>/LC_MESSAGES/chrome.mo  compiled by `translate ui compile`

An entry's ``msgctxt`` is the site ("azatutyun.am", "rferl.org"): the same meaning is
worded differently per site. ``msgid`` is the English UI string, ``msgstr`` the locale's
wording where it is known to be right; entries nobody has confirmed stay empty (a fuzzy
entry is a guess and is never used).

:class:`UiCatalogs` loads every catalog of a directory and answers the two questions the
``localise`` chrome policy asks: which (site, msgid) is this line — matched against the
msgids *and* every locale's msgstrs, since chrome is often in the site's language, not
the article's — and how does the target locale word it.

It is the one reader of these catalogs: the segmenter recognises chrome lines with it
(and records the entry on ``Block.catalog_entry``), the ``localise`` policy renders from
it, and ``translate ui extract`` finds known strings with it. Which folder it reads is
``[localisation] catalogs`` of the configuration: :func:`configured_ui_catalogs`.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from translate.config import Config, load_config
from translate.errors import ConfigError, InputError, UnknownLocaleError
from translate.io.writers import write_atomic
from translate.locales import has_locale_data, language_of, locale_fallbacks, locale_identifier
from translate.regular_files import read_regular

log = logging.getLogger(__name__)

DOMAIN = "chrome"
# The language msgids are written in: a target in it renders the msgid itself.
MSGID_LANGUAGE = "en"
PROJECT = "translate"


def template_path(directory: Path, domain: str = DOMAIN) -> Path:
    return directory / f"{domain}.pot"


def catalog_path(directory: Path, locale: str, domain: str = DOMAIN, suffix: str = ".po") -> Path:
    return directory / locale / "LC_MESSAGES" / f"{domain}{suffix}"


def catalog_paths(directory: Path, domain: str = DOMAIN) -> dict[str, Path]:
    """Locale identifier → PO file, for every ``<locale>/LC_MESSAGES/<domain>.po`` under ``directory``."""
    found: dict[str, Path] = {}
    for path in sorted(directory.glob(f"*/LC_MESSAGES/{domain}.po")):
        name = path.parent.parent.name
        try:
            locale = locale_identifier(name)
        except UnknownLocaleError as error:
            raise InputError(f"{path}: the folder {name!r} is not a locale ({error}); rename it, e.g. hy or ru") from None
        found[locale] = path
    return found


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a PO or POT file; a malformed one is an error that names the file and line."""
    if locale is not None and not has_locale_data(locale):
        locale = None  # a language babel has no data for (crh): the PO header still names it
    try:
        return read_po(io.BytesIO(read_regular(path)), locale=locale, abort_invalid=True)
    except FileNotFoundError:
        raise InputError(f"{path}: no such catalog") from None
    except OSError as error:  # a folder, a FIFO or device, no permission
        raise InputError(f"{path}: cannot be read: {error.strerror}; give a PO file") from None
    except (PoFileError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not a valid PO file: {error}; fix it or check it with `msgfmt -c`") from None


def catalog_bytes(catalog: Catalog) -> bytes:
    """The PO text babel writes for ``catalog`` (obsolete entries kept, as ``#~``)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, sort_output=False, ignore_obsolete=False, include_previous=True)
    return buffer.getvalue()


def write_catalog(path: Path, catalog: Catalog) -> Path:
    write_atomic(path, catalog_bytes(catalog).decode(catalog.charset or "utf-8"))
    return path


def compile_catalog(path: Path, *, use_fuzzy: bool = False) -> tuple[Path, int, int]:
    """Write the MO file beside a PO file; returns it with (translated, total) entry counts."""
    catalog = read_catalog(path)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=use_fuzzy)
    mo_path = path.with_suffix(".mo")
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    temporary = mo_path.with_name(f".{mo_path.name}.tmp")
    temporary.write_bytes(buffer.getvalue())
    temporary.replace(mo_path)
    messages = [message for message in catalog if message.id]
    translated = sum(1 for message in messages if message.string and (use_fuzzy or not message.fuzzy))
    return mo_path, translated, len(messages)


# --- lookup ----------------------------------------------------------------------------


# Typographic quotes as scrapers and editors write them interchangeably.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def normalise(text: str) -> str:
    """Text as chrome lines are compared: NFKC (so Armenian և and եւ are one), plain quotes,
    case-folded, one space."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split())


@dataclass(frozen=True)
class ChromeString:
    """A catalog entry a chrome line matched, and the language of the wording it matched."""

    site: str
    msgid: str
    language: str


class UiCatalogs:
    """Every locale's catalog of one domain, indexed for matching chrome lines."""

    def __init__(self, catalogs: Mapping[str, Catalog], template: Catalog | None = None):
        self.catalogs = {locale_identifier(locale): catalog for locale, catalog in catalogs.items()}
        self.template = template
        self._index: dict[str, list[ChromeString]] = {}
        sources: list[tuple[str, Catalog]] = [(MSGID_LANGUAGE, template)] if template is not None else []
        sources += list(self.catalogs.items())
        for locale, catalog in sources:
            for message in catalog:
                if not message.id or not isinstance(message.id, str):
                    continue
                site = message.context or ""
                self._add(message.id, ChromeString(site, message.id, MSGID_LANGUAGE))
                if message.string and not message.fuzzy and isinstance(message.string, str):
                    self._add(message.string, ChromeString(site, message.id, language_of(locale)))

    def _add(self, text: str, entry: ChromeString) -> None:
        entries = self._index.setdefault(normalise(text), [])
        if entry not in entries:
            entries.append(entry)

    @classmethod
    def load(cls, directory: Path, domain: str = DOMAIN) -> UiCatalogs:
        """The catalogs under ``directory`` (and its template, if there is one); none if it is missing."""
        catalogs = {locale: read_catalog(path, locale) for locale, path in catalog_paths(directory, domain).items()}
        template = template_path(directory, domain)
        return cls(catalogs, read_catalog(template) if template.is_file() else None)

    def __bool__(self) -> bool:
        return bool(self._index)

    @functools.cached_property
    def sites(self) -> frozenset[str]:
        """Every site (msgctxt) an entry names."""
        return frozenset(entry.site for entries in self._index.values() for entry in entries if entry.site)

    def catalog_site(self, site: str | None) -> str | None:
        """The catalogs' name for ``site``: itself, or the nearest site above it that they
        list (``pressroom.rferl.org`` → ``rferl.org``); None when they list neither."""
        labels = site.split(".") if site else []
        for index in range(max(len(labels) - 1, 0)):
            candidate = ".".join(labels[index:])
            if candidate in self.sites:
                return candidate
        return None

    def match(self, text: str, site: str | None = None) -> list[ChromeString]:
        """The entries ``text`` is the msgid or a msgstr of; the given site's first.

        A match on a site's own localised wording (Armenian on azatutyun.am) comes before a
        match on the English msgid, which several sites share.
        """
        entries = self._index.get(normalise(text), [])
        preferred = self.catalog_site(site) or site
        return sorted(entries, key=lambda e: (preferred is not None and e.site != preferred,
                                              e.language == MSGID_LANGUAGE))

    def translation(self, site: str, msgid: str, target: str) -> str | None:
        """How ``target`` words (site, msgid): its catalog's msgstr, the msgid for English; None if unknown."""
        for locale in locale_fallbacks(target):
            catalog = self.catalogs.get(locale)
            message = catalog.get(msgid, context=site or None) if catalog is not None else None
            if message is not None and message.string and not message.fuzzy and isinstance(message.string, str):
                return message.string
        return msgid if language_of(target) == MSGID_LANGUAGE else None

    @functools.cached_property
    def _signature(self) -> dict[str, object]:
        # Catalogs do not change once loaded: the digest is computed once, not per document.
        digest = hashlib.sha256()
        for message in self.template or ():
            digest.update(repr(("", message.context, message.id)).encode())
        for locale in sorted(self.catalogs):
            for message in self.catalogs[locale]:
                digest.update(repr((locale, message.context, message.id, message.string, message.fuzzy)).encode())
        return {"locales": sorted(self.catalogs), "sha256": digest.hexdigest()[:16]}

    def signature(self) -> dict[str, object]:
        """Which catalogs rendered the chrome: locales and a digest of their entries."""
        return dict(self._signature)



def configured_ui_catalogs(config: Config) -> UiCatalogs:
    """The catalogs of ``[localisation] catalogs``: what chrome is recognised by and localised from.

    A folder that does not exist is a configuration error (a typo would otherwise turn
    catalog matching off without a word); an empty one leaves the structural rules alone.
    """
    directory = config.localisation.catalogs
    if not directory.is_dir():
        raise ConfigError(f"no such folder: {directory}; point it at the UI-string catalogs (the project's "
                          "are in locale/) or start one with `translate ui extract`",
                          path=config.path, key="localisation.catalogs")
    catalogs = UiCatalogs.load(directory)
    if not catalogs:
        log.warning("no UI-string catalogs in %s: chrome is recognised by the structural rules only and "
                    "cannot be localised (see `translate ui --help`)", directory)
    return catalogs


def warn_unknown_site(catalogs: UiCatalogs, site: str | None) -> bool:
    """Warn (and return True) when the catalogs have no entry for the site the user named."""
    if not site or not catalogs or catalogs.catalog_site(site):
        return False
    log.warning("the UI catalogs have no entries for the site %r (they know %s): its chrome is found by the page's "
                "structure and the other sites' strings alone; check the name, or add the site's strings "
                "(`translate ui --help`)", site, ", ".join(sorted(catalogs.sites)))
    return True


@functools.lru_cache(maxsize=1)
def default_ui_catalogs() -> UiCatalogs:
    """The default configuration's catalogs (the shipped ones), read once: for callers without a config."""
    return configured_ui_catalogs(load_config())
