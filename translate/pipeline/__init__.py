"""The pipeline: articles read, segmented, translated through the wrapper chain, checked, written.

:mod:`~translate.pipeline.chain` builds the translator for one direction (the order of the
wrappers around the engine is named there, once); :mod:`~translate.pipeline.runner` runs
the stages over many articles; :mod:`~translate.pipeline.batch` is the desk's unattended,
resumable batch (inputs from :mod:`~translate.pipeline.discovery`, output names from
:mod:`~translate.pipeline.naming`, the output folder's lock and journal in
:mod:`~translate.pipeline.outfolder`, the manifest in :mod:`~translate.pipeline.manifest`),
whose chunks :mod:`~translate.pipeline.chunk` translates, in threads or on the Dask workers
of :mod:`~translate.pipeline.cluster`.
"""
