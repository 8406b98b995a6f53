"""What every speech engine is and raises; the engines import this, never the registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt


class EngineError(RuntimeError):
    """The engine failed on this text; retrying with another engine will not help."""


class EngineUnavailable(EngineError):
    """The engine cannot be used right now (network down, service refused, library missing)."""


@dataclass(frozen=True)
class Pcm:
    """Mono audio as float32 samples in [-1, 1]."""

    samples: npt.NDArray[np.float32]
    sample_rate: int

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


@runtime_checkable
class SpeechEngine(Protocol):
    name: str

    def voice_id(self) -> str:
        """Everything that changes how the audio sounds (voice, speed…); part of the file hash."""
        ...

    def synthesize(self, text: str) -> Pcm:
        """Speak one sentence of normalised text."""
        ...
