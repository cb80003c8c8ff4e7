"""translate: news articles into other languages with Opus-MT.

The stages, top to bottom: ``readers`` (file → :class:`Document`), ``segmentation``
(blocks, page chrome, sentences), ``engines`` (MT behind one interface), ``pipeline``
(runs the stages), ``writers`` (document → file). Importing this package is cheap:
nothing heavy (torch, transformers) is imported until an engine is used.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
