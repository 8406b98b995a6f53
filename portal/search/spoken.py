"""POST /tim-kiem/noi: a spoken question, written down while the resident waits, then searched.

The recording (the file field on /tim-kiem and /hoi-dap, or what the record button put in it)
is judged by its content, written down offline in a child process stopped at a time limit
(portal.speech_input.limited; see `time_limit`), and the resident gets the
results and the question helper's answer for the words, with the words in the search box to
correct. The audio lives in a temporary file for the length of the request only; neither it nor
the words are logged. Every refusal is the same page again with a polite message and a 4xx,
the earlier question and filters kept.

No form token here, on purpose: the search page stays without a session (so it can be cached
and costs no cookie), and a question changes nothing on the server. A form posted from another
site is refused by its Origin / Sec-Fetch-Site headers instead."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from urllib.parse import urlsplit

from flask import abort, current_app, make_response, request
from flask_babel import lazy_gettext as _l

from portal.core import ratelimit
from portal.core.text import clean_line
from portal.extensions import csrf
from portal.speech_input import recognizers
from portal.speech_input.audio import AudioError, copy_upload, probe
from portal.speech_input.limited import RecognitionTimeout, transcribe_limited
from portal.speech_input.recognizers import RecognizerError
from portal.speech_input.words import spoken_digits

from .routes import MAX_QUERY, ask_page, bp, results_page

log = logging.getLogger(__name__)

FIELD = "giong-noi"
MAX_SECONDS = 60  # a question, not a petition
MAX_BYTES = 8 * 1024 * 1024  # a minute of 16 kHz WAV is 1.9 MB; phones' formats far less
# A short clip took 13-17 s to be written down on a busy 2-core box (3 s idle: starting the child
# and loading the model dominate), and viet-asr needs about 0.14 s per second of sound idle.
SHORT_CLIP_LIMIT = 20.0
LIMIT_PER_SECOND = 0.5
REFUSALS = {
    "limited": (429, _l("Many spoken questions have come from your network address.")),
    "missing": (400, _l("Please record your question, or choose a recording, then press the button.")),
    "unreadable": (422, _l("This file could not be read as a recording. Please record again, or choose a "
                           "recording made by a phone (AMR, M4A, MP3, Opus or WAV).")),
    "empty": (422, _l("This recording holds no sound. Please record again, close to the phone.")),
    "silent": (422, _l("The portal heard no words in this recording. Please speak a little louder and record "
                       "again, or type the question.")),
    "too_long": (413, _l("This recording is longer than a minute. Please ask in a shorter recording, or type the "
                         "question.")),
    "too_large": (413, _l("This file is too large for a spoken question. Please record a shorter one.")),
    "no_recogniser": (422, _l("This portal cannot write down spoken questions. Please type your question "
                              "in the box.")),
    "timeout": (422, _l("Writing down your question took too long. Please try a shorter recording, or type the "
                        "question.")),
    "failed": (422, _l("The portal could not write down your question just now. Please try again, or type the "
                       "question.")),
}

# Worth sending the same recording again: with JavaScript, recorder.js puts it back in the field.
RETRY = {"limited", "timeout", "failed"}


def _cross_site() -> bool:
    if request.headers.get("Sec-Fetch-Site", "") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    return bool(origin) and origin != "null" and urlsplit(origin).netloc != request.host


def _page(query: str, status: int, **extra):
    if request.form.get("trang") == "hoi-dap":
        response = make_response(ask_page(query, status, **extra))
    else:
        response = results_page(query, status, always_answer=bool(extra.get("heard")), **extra)
    response.headers["Cache-Control"] = "no-store, private"
    return response


def _refuse(reason: str, retry_after: int = 0, wait: str = ""):
    status, message = REFUSALS[reason]
    earlier = clean_line(request.form.get("q", ""), MAX_QUERY)  # the question on the page before: kept
    response = _page(earlier, status, spoken_error=" ".join(filter(None, [str(message), wait])),
                     spoken_retry=reason in RETRY)
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


def time_limit(seconds: float, elapsed: float, ceiling: float) -> float:
    """Seconds the recogniser may take for a clip of ``seconds`` (its decoded length): 20 s and
    half a second more per second of sound, but never past ``ceiling`` (SPOKEN_QUESTION_TIME_LIMIT)
    counted from the start of the request (``elapsed`` already spent): the resident waits in a
    web worker, which gunicorn stops after 30 s, and a stopped worker is a dropped connection
    where the page should say "too long". At least a second, so the answer is always ours."""
    return max(1.0, min(SHORT_CLIP_LIMIT + LIMIT_PER_SECOND * seconds, ceiling - elapsed))


def _write_down(upload, started: float) -> str:
    """The words of the upload; raises AudioError / RecognizerError. The file is gone on return."""
    cfg = current_app.config
    handle, name = tempfile.mkstemp(prefix="cau-hoi-", suffix=".audio")  # 0600, the system's temporary folder
    try:
        with os.fdopen(handle, "wb") as out:
            copy_upload(upload.stream, out, MAX_BYTES)
        recording = probe(name, MAX_SECONDS)  # unknown, empty or too long: refused before the recogniser starts
        limit = time_limit(recording.seconds, time.monotonic() - started, cfg["SPOKEN_QUESTION_TIME_LIMIT"])
        return transcribe_limited(name, cfg["RECOGNIZER"], time_limit=limit, max_seconds=MAX_SECONDS)
    finally:
        os.unlink(name)


@bp.route("/tim-kiem/noi", methods=["POST"])
@csrf.exempt  # see the module's note: Origin / Sec-Fetch-Site instead
def spoken_question():
    started = time.monotonic()
    if _cross_site():
        abort(403)
    upload = request.files.get(FIELD)
    if upload is None or not upload.filename:
        return _refuse("missing")
    if not recognizers.available(current_app.config.get("RECOGNIZER", "")):
        return _refuse("no_recogniser")
    reset_at = ratelimit.hit("SPOKEN_QUESTION_RATE_LIMIT", "search.spoken")
    if reset_at is not None:
        seconds = ratelimit.seconds_until(reset_at)
        return _refuse("limited", seconds, ratelimit.wait_sentence(seconds))
    try:
        words = _write_down(upload, started)
    except AudioError as exc:
        return _refuse(exc.reason if exc.reason in REFUSALS else "unreadable")
    except RecognitionTimeout:
        log.warning("spoken question: the recogniser took too long")
        return _refuse("timeout")
    except (RecognizerError, ValueError, OSError) as exc:
        log.warning("spoken question: the recogniser failed: %s", type(exc).__name__)  # never the words
        return _refuse("failed")
    query = clean_line(spoken_digits(" ".join(words.split())), MAX_QUERY)
    if not query:
        return _refuse("silent")
    return _page(query, 200, heard=query)


__all__ = ["spoken_question"]
