"""The offline Vietnamese voice: espeak-ng, loaded in-process from the `espeakng-loader` wheel.

The wheel ships ``libespeak-ng.so`` and its ``espeak-ng-data``; nothing comes from apt.
espeak-ng keeps one global state (voice, parameters, output callback), so every use of
the library, from first initialisation to the last sample of a synthesis, holds `_LOCK`.
It runs in AUDIO_OUTPUT_SYNCHRONOUS mode: no sound device and no background thread; the
library hands each block of 16-bit samples to our callback before `espeak_Synth` returns.
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field

import numpy as np

from portal.audio.engines.base import EngineError, EngineUnavailable, Pcm

# From espeak-ng's speak_lib.h.
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_CHARS_UTF8 = 1
_POS_CHARACTER = 1
_PARAM_RATE, _PARAM_VOLUME, _PARAM_PITCH, _PARAM_WORDGAP = 1, 2, 3, 7

# espeak-ng counts "words a minute"; for Vietnamese 125 gives about three syllables a
# second, slower than its default of 175 because many listeners are elderly.
DEFAULT_RATE = 125
# A pause between words of 3 units (10 ms each at normal speed, `espeak-ng -g 3`): Vietnamese
# is one syllable a word, and espeak-ng runs them together; with it the round trip through the
# recogniser (bench/speech.py) went from 80.1 % to 76.9 % WER (77.4 % → 74.7 % folded). Other
# rates, pitches, the central and southern voices and longer sentence pauses did not help.
DEFAULT_WORD_GAP = 3

_SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
_LOCK = threading.Lock()


@dataclass
class _Library:
    """The loaded library; one per process, used only under `_LOCK`."""

    lib: ctypes.CDLL
    sample_rate: int
    version: str
    blocks: list[np.ndarray] = field(default_factory=list)
    voice: str | None = None
    callback: object = None  # keeps the ctypes callback alive as long as the library

    def collect(self, wav: ctypes._Pointer[ctypes.c_short], count: int, _events: int) -> int:
        if wav and count > 0:
            self.blocks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0  # 0 = go on synthesising


_library: _Library | None = None


def _load() -> _Library:
    try:
        import espeakng_loader

        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        data_path = espeakng_loader.get_data_path()
    except (ImportError, OSError, RuntimeError) as exc:
        raise EngineUnavailable(f"espeak-ng library not available: {exc}") from exc
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_Initialize.restype = ctypes.c_int
    lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [
        ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
        ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
    ]
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    lib.espeak_Info.restype = ctypes.c_char_p
    rate = lib.espeak_Initialize(
        _AUDIO_OUTPUT_SYNCHRONOUS, 0, data_path.encode(), _INITIALIZE_DONT_EXIT
    )
    if rate <= 0:
        raise EngineUnavailable(f"espeak-ng failed to initialise with data at {data_path}")
    state = _Library(lib=lib, sample_rate=rate, version=(lib.espeak_Info(None) or b"").decode())
    state.callback = _SynthCallback(state.collect)
    lib.espeak_SetSynthCallback(state.callback)
    return state


def _loaded() -> _Library:
    """The library, initialised on first use (never at import). Call with `_LOCK` held."""
    global _library
    if _library is None:
        _library = _load()
    return _library


def library_version() -> str:
    with _LOCK:
        return _loaded().version


class EspeakEngine:
    """espeak-ng's Vietnamese voices: "vi" (northern), "vi-vn-x-central", "vi-vn-x-south"."""

    name = "espeak"

    def __init__(
        self,
        voice: str = "vi",
        rate: int = DEFAULT_RATE,
        pitch: int = 50,
        volume: int = 100,
        word_gap: int = DEFAULT_WORD_GAP,
    ) -> None:
        if not 80 <= rate <= 450:
            raise ValueError("espeak rate is in words a minute, 80–450")
        if not (0 <= pitch <= 99 and 0 <= volume <= 200 and 0 <= word_gap <= 50):
            raise ValueError("espeak pitch 0–99, volume 0–200, word_gap 0–50")
        self.voice, self.rate, self.pitch = voice, rate, pitch
        self.volume, self.word_gap = volume, word_gap

    def voice_id(self) -> str:
        return (
            f"{self.voice};rate={self.rate};pitch={self.pitch};"
            f"volume={self.volume};gap={self.word_gap}"
        )

    def synthesize(self, text: str) -> Pcm:
        encoded = text.encode("utf-8")
        with _LOCK:
            state = _loaded()
            lib = state.lib
            if state.voice != self.voice:
                if lib.espeak_SetVoiceByName(self.voice.encode()) != 0:
                    raise EngineError(f"espeak-ng has no voice {self.voice!r}")
                state.voice = self.voice
            for parameter, value in (
                (_PARAM_RATE, self.rate), (_PARAM_PITCH, self.pitch),
                (_PARAM_VOLUME, self.volume), (_PARAM_WORDGAP, self.word_gap),
            ):
                lib.espeak_SetParameter(parameter, value, 0)
            state.blocks = []
            buffer = ctypes.create_string_buffer(encoded)
            status = lib.espeak_Synth(
                buffer, len(encoded) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            blocks, state.blocks = state.blocks, []
            if status != 0:
                raise EngineError(f"espeak-ng synthesis failed with status {status}")
            sample_rate = state.sample_rate
        pcm = np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.int16)
        return Pcm(samples=pcm.astype(np.float32) / 32768.0, sample_rate=sample_rate)
