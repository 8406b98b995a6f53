"""Background work: the speech audio of each step of a published lesson (portal.media_render)."""

from __future__ import annotations

from portal.media_render.registry import Plan, Renderer, declare, put_speech

from .models import PUBLISHED, Step
from .service import media_hash, speech_text

declare(Renderer(
    kind="step", model=Step, fingerprint=lambda _session, step: media_hash(step),
    active=lambda step: step.lesson.status == PUBLISHED,
    plan=lambda _session, step: Plan([("speech", speech_text(step))]),
    store=lambda _session, step, _plan, outputs: put_speech(step, outputs.speeches["speech"])))
