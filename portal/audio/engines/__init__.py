"""Speech engines: a small protocol and a registry of engines chosen by name.

An engine turns one sentence of normalised Vietnamese into mono PCM. Built in:

* ``"espeak"`` — espeak-ng in-process, offline, always available (the default);
* ``"gtts"`` — Google's online voice through gTTS; raises `EngineUnavailable` when Google
  cannot be reached or refuses, so the pipeline can fall back to the offline voice.

Another engine (a Piper model, say) is one class with ``name``, ``voice_id()`` and
``synthesize()``, added with ``register("piper", PiperEngine)`` or named by its import path,
``"package.module:PiperEngine"``; a path also works in a fresh process (the time-limited
child that speaks for the jobs), where nothing registered at run time exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from portal.audio.engines.base import EngineError, EngineUnavailable, Pcm, SpeechEngine

__all__ = [
    "EngineError",
    "EngineUnavailable",
    "Pcm",
    "SpeechEngine",
    "create",
    "names",
    "register",
    "unregister",
]


EngineFactory = Callable[..., SpeechEngine]
_REGISTRY: dict[str, EngineFactory] = {}


def register(name: str, factory: EngineFactory, *, replace: bool = False) -> None:
    """Make ``factory(**options)`` available as engine ``name``."""
    if name in _REGISTRY and not replace:
        raise ValueError(f"speech engine {name!r} is already registered")
    _REGISTRY[name] = factory


def unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


def names() -> list[str]:
    return sorted(_REGISTRY)


def _imported(path: str) -> EngineFactory:
    module, _, attribute = path.partition(":")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"cannot load speech engine {path!r}: {exc}") from None


def create(name: str, **options: Any) -> SpeechEngine:
    """A new engine by registered name or ``module:Class`` path, configured with ``options``."""
    factory = _REGISTRY.get(name)
    if factory is None and ":" in name:
        factory = _imported(name)
    if factory is None:
        raise ValueError(f"unknown speech engine {name!r}; known: {', '.join(names())}")
    return factory(**options)


def _register_builtins() -> None:
    from portal.audio.engines.espeak import EspeakEngine
    from portal.audio.engines.google import GoogleEngine

    register(EspeakEngine.name, EspeakEngine, replace=True)
    register(GoogleEngine.name, GoogleEngine, replace=True)


_register_builtins()
