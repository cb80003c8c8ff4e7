"""The pipeline: articles read, segmented, translated through the wrapper chain, checked, written.

:mod:`~translate.pipeline.chain` builds the translator for one direction (the order of the
wrappers around the engine is named there, once); :mod:`~translate.pipeline.runner` runs
the stages over many articles; :mod:`~translate.pipeline.batch` is the desk's unattended,
resumable batch with its manifest.
"""
