"""Localisation: what babel and CLDR know, applied to a translated article.

- the UI-string catalogs (gettext PO/MO, one per locale, entries keyed by site through
  ``msgctxt``) are read and written by :mod:`~translate.io.catalogs`, which the segmenter
  uses too; here:
- :mod:`~translate.localisation.extract`: chrome strings collected from articles (plain
  text and the skip-link block of HTML pages); :mod:`~translate.localisation.workflow`
  turns them into a template and starts or updates each locale's catalog;
  :mod:`~translate.localisation.catalog_checks`: what ``translate ui check`` reports;
- :mod:`~translate.localisation.chrome`: the ``localise`` chrome policy;
- :mod:`~translate.localisation.quantities`, :mod:`~translate.localisation.rendering`,
  :mod:`~translate.localisation.protection`: dates, times, numbers and amounts recognised,
  rendered for the target locale and protected through the engine;
- :mod:`~translate.localisation.names`: CLDR country and language names as low-precedence
  glossary entries;
The ``translate ui`` commands are in :mod:`translate.cli.ui`.

Importing this package imports nothing else: each module is imported where it is used.
"""
