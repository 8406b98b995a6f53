"""Recognisers: a small protocol and a registry of recognisers chosen by name.

A recogniser turns 16 kHz mono 16-bit PCM of Vietnamese speech into words. Built in:

* ``"viet-asr"`` — the ``viet-asr`` package (Apache-2.0), offline: its native library carries
  its ONNX model, so nothing is downloaded at run time. It installs only on Linux with CPython
  3.11 (the pinned wheel); elsewhere it is simply not available.
* ``"none"`` — no recogniser: recordings are kept for staff to listen to, nothing is written down.

Another recogniser is one class with ``name`` and ``transcribe(samples)``, named by its import
path, ``"package.module:Class"`` (it must work in a fresh process: the time-limited child that
runs it imports it there), or registered with `register`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:  # numpy only where samples are transcribed (the job worker), not in web workers
    import numpy as np
    import numpy.typing as npt

SAMPLE_RATE = 16_000
NONE = "none"


class RecognizerError(RuntimeError):
    """The recogniser failed on this recording."""


@runtime_checkable
class Recognizer(Protocol):
    name: str

    def transcribe(self, samples: npt.NDArray[np.int16]) -> str:
        """The words spoken in 16 kHz mono PCM, in lower case, without punctuation if need be."""
        ...


class VietAsrRecognizer:
    name = "viet-asr"

    def __init__(self, preset: str = "transcribe") -> None:
        try:
            import vietasr
        except ImportError as exc:
            raise RecognizerError(f"viet-asr is not installed: {exc}") from None
        self._pipeline = vietasr.Pipeline.preset(preset)

    @staticmethod
    def installed() -> bool:
        return importlib.util.find_spec("vietasr") is not None

    def transcribe(self, samples: npt.NDArray[np.int16]) -> str:
        import numpy as np

        try:
            result = self._pipeline.transcribe(np.ascontiguousarray(samples, dtype=np.int16), SAMPLE_RATE)
        except RuntimeError as exc:
            raise RecognizerError(str(exc)) from exc
        return " ".join((result.text or "").split())


_REGISTRY: dict[str, Callable[..., Recognizer]] = {VietAsrRecognizer.name: VietAsrRecognizer}


def register(name: str, factory: Callable[..., Recognizer]) -> None:
    _REGISTRY[name] = factory


def _factory(name: str) -> Callable[..., Recognizer]:
    factory = _REGISTRY.get(name)
    if factory is None and ":" in name:
        module, _, attribute = name.partition(":")
        try:
            factory = getattr(importlib.import_module(module), attribute)
        except (ImportError, AttributeError) as exc:
            raise ValueError(f"cannot load recogniser {name!r}: {exc}") from None
    if factory is None:
        raise ValueError(f"unknown recogniser {name!r}; known: {', '.join(sorted(_REGISTRY))}, none")
    return factory


def available(name: str) -> bool:
    """Whether recordings can be written down with ``name`` here (installed, not ``none``)."""
    if not name or name == NONE:
        return False
    try:
        factory = _factory(name)
    except ValueError:
        return False
    installed = getattr(factory, "installed", None)
    return bool(installed()) if callable(installed) else True


def create(name: str, **options: Any) -> Recognizer:
    if not name or name == NONE:
        raise RecognizerError("no recogniser is configured")
    return _factory(name)(**options)
