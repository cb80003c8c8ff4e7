"""Files in and out: everything that touches a file's bytes.

Reading (the bottom of the pipeline): :mod:`~translate.io.readers` decodes an article and
hands it to its :mod:`~translate.io.formats` (txt, md, html, jsonl), which cuts it into a
:class:`~translate.document.Document` of blocks; :mod:`~translate.io.catalogs` reads the
UI-string catalogs (gettext PO) that chrome is recognised and localised by.

Writing (the top): :mod:`~translate.io.writers` rebuilds an article from its blocks and
writes files atomically; :mod:`~translate.io.outputs` writes the translation in the
source's format, JSON or XLIFF and the per-article report; :mod:`~translate.io.report`
renders the QA pages; :mod:`~translate.io.tmx` and :mod:`~translate.io.interchange`
exchange translation memories and glossaries with CAT tools (TMX, CSV, TBX).
"""
