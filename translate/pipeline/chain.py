"""The translator for one direction: the engine and the wrappers around it, in one order.

From the outside in::

    quantities ⊃ glossary ⊃ markup ⊃ characters ⊃ memory ⊃ pivot ⊃ engine

- **quantities** (:mod:`translate.localisation.protection`) outermost: dates and numbers
  checked in the final output (or protected, for engines that copy placeholders) and
  written the target's way; the glossary's own placeholders never reach it;
- **glossary** (:mod:`translate.glossary.enforce`): terms checked in the engine's output,
  protected and translated again where the engine missed them;
- **markup** (:mod:`translate.engines.markup`): inline tags' markers as numbers the engine
  copies, and back; below the glossary and quantities, which see markers, not numbers; above
  characters, so the markers (private-use characters) are numbers before coverage is judged;
- **characters** (:mod:`translate.localisation.carrying`): words with characters the
  checkpoint cannot represent (a name in another script) carried around the engine, in
  every round of the glossary;
- **memory** (:mod:`translate.memory`) around the engine: it holds what the engine made of
  its exact input (placeholders included), so the wrappers' work is redone every run;
- **pivot**: two engines through the pivot language where no checkpoint takes the pair;
- **engine**: registered by name in :mod:`translate.engines`.

Each wrapper picks, as it is built, a placeholder scheme the engine's vocabulary carries
(:mod:`translate.engines.placeholders`), or refuses the chain. For ``--dry-run`` the
engines are previews (:meth:`~translate.engines.base.Engine.preview`): their conventions
without weights, so the chain tells what the model would be given and translates nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from translate.config import Config
from translate.engines import (
    EngineSpec,
    PivotTranslator,
    Translator,
    engine_class,
    load_engine,
)
from translate.engines.markup import MarkupTranslator
from translate.errors import ConversionUnavailable, ModelNotAvailable
from translate.glossary import Glossary, enforcement_settings, wrap
from translate.localisation.carrying import CarryTranslator
from translate.localisation.protection import QuantityTranslator
from translate.memory import MemoryTranslator, TranslationMemory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineChoice:
    """Which engine runs, with what checkpoint, and what to do when the checkpoint is missing."""

    engine: str
    model: str | None = None  # --model: replaces a one-hop route's checkpoint
    fallback: str | None = None  # --fallback: the engine used when a checkpoint is missing
    dry_run: bool = False  # --dry-run: engines previewed (conventions only), nothing translated


@dataclass(frozen=True)
class Chain:
    """The translator for one direction, its memory wrapper (for the counts), if any, and the
    engines it wraps (a new glossary is wrapped around the same engines: no model reload)."""

    translator: Translator
    memory: MemoryTranslator | None = None
    hops: tuple[Translator, ...] = ()


def engine_specs(config: Config, source: str, target: str, model: str | None = None) -> list[EngineSpec]:
    """The engine specs of the route from ``source`` to ``target``: one hop, or two through the pivot.
    ``model`` (``--model``) replaces a one-hop checkpoint."""
    if model is not None:
        entry = config.models.get((source, target))
        token = entry.target_token if entry and entry.checkpoint == model else None
        return [EngineSpec(source, target, model, token, config.generation)]
    return [
        EngineSpec(entry.source, entry.target, entry.checkpoint, entry.target_token, config.generation)
        for entry in config.route(source, target)
    ]


def load_route(config: Config, choice: EngineChoice, source: str, target: str) -> list[Translator]:
    """The engines of the route, loaded; the fallback engine when a checkpoint is missing and one is named."""
    def load(name: str, spec: EngineSpec) -> Translator:
        return engine_class(name).preview(spec) if choice.dry_run else _load_engine(name, spec)

    if not engine_class(choice.engine).needs_checkpoint:  # pseudo: any direction, no route
        return [load(choice.engine, EngineSpec(source, target, generation=config.generation))]
    specs = engine_specs(config, source, target, choice.model)
    try:
        return [load(choice.engine, spec) for spec in specs]
    except ModelNotAvailable as error:
        if not choice.fallback:
            raise
        log.warning("%s", error)
        log.warning("falling back to the %r engine for %s→%s, as --fallback asks", choice.fallback, source, target)
        return [load(choice.fallback, EngineSpec(source, target, generation=config.generation))]


def _load_engine(name: str, spec: EngineSpec) -> Translator:
    """The engine; the marian engine where CTranslate2 cannot have the checkpoint (said in one line)."""
    try:
        return load_engine(name, spec)
    except ConversionUnavailable as error:
        if name != "ctranslate2":
            raise
        log.warning("%s; translating %s→%s with the marian engine instead (slower)", error, spec.source, spec.target)
        return load_engine("marian", spec)


def build_chain(config: Config, choice: EngineChoice, source: str, target: str, *,
                glossary: Glossary | None, memory: TranslationMemory | None,
                hops: list[Translator] | None = None) -> Chain:
    """The engine with every wrapper around it, in the order this module's docstring names;
    ``hops``: the route's engines, already loaded (else they are loaded now)."""
    hops = hops if hops is not None else load_route(config, choice, source, target)
    translator: Translator = hops[0]
    for hop in hops[1:]:
        translator = PivotTranslator(translator, hop)
    memory_wrapper = None
    if memory is not None and all(hop.cacheable for hop in hops):
        translator = memory_wrapper = MemoryTranslator(translator, memory)
    translator = CarryTranslator(translator)
    translator = MarkupTranslator(translator)
    enforce, placeholder = enforcement_settings(config)
    translator = wrap(translator, glossary, enforce=enforce, placeholder=placeholder)
    if config.localisation.quantities == "localise":
        translator = QuantityTranslator(translator)
    return Chain(translator, memory_wrapper, tuple(hops))
