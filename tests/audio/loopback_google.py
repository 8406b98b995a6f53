"""A tiny stand-in for translate.google.com's text-to-speech endpoint, on a loopback port.

It answers gTTS's POST to ``/_/TranslateWebserverUi/data/batchexecute`` the way Google does:
an anti-JSON prefix, then a ``wrb.fr`` line carrying the base64 of an MP3 (24 kHz mono, like
Google's) of the very text asked for, spoken here offline by espeak-ng and encoded to MP3 by
libsndfile: real audio, made on this machine, with nothing fetched from anywhere.

    with LoopbackGoogle() as google:       # google.url → SPEECH_NATURAL_URL
        google.behaviour = "error"          # "speak" (default), "slow", "error", "garbage"

``asked`` lists the texts it was sent, in order, whatever it answered.
"""

from __future__ import annotations

import base64
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import soundfile
import soxr

from portal.audio.engines.espeak import EspeakEngine
from portal.audio.engines.google import ENDPOINT

GOOGLE_RATE = 24_000
BEHAVIOURS = ("speak", "slow", "error", "garbage")


def mp3_of(text: str) -> bytes:
    """``text`` spoken offline, as an MP3 like the ones Google sends."""
    pcm = EspeakEngine(rate=175).synthesize(text)
    samples = soxr.resample(pcm.samples, pcm.sample_rate, GOOGLE_RATE)
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, GOOGLE_RATE, format="MP3")
    return buffer.getvalue()


def text_of(body: str) -> str:
    """The text in gTTS's request body: f.req=[[["jQ1olc","[text,lang,speed,null]",null,"generic"]]]."""
    rpc = json.loads(parse_qs(body)["f.req"][0])
    return json.loads(rpc[0][0][1])[0]


def answer_for(audio: bytes) -> bytes:
    payload = json.dumps([base64.b64encode(audio).decode("ascii")])
    line = json.dumps([["wrb.fr", "jQ1olc", payload, None, None, None, "generic"]], separators=(",", ":"))
    tail = json.dumps([["di", 42], ["af.httprm", 41, "-1", 7]], separators=(",", ":"))
    return f")]}}'\n\n{len(line)}\n{line}\n{len(tail)}\n{tail}\n".encode()


class LoopbackGoogle:
    def __init__(self, slow_seconds: float = 3.0) -> None:
        self.behaviour = "speak"
        self.slow_seconds = slow_seconds
        self.asked: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if self.path.split("?")[0] != ENDPOINT:
                    self._send(404, b"not here")
                    return
                fake.asked.append(text_of(body))
                if fake.behaviour == "error":
                    self._send(503, b"<html>Service unavailable</html>")
                elif fake.behaviour == "garbage":
                    self._send(200, answer_for(b"<html>captcha</html>"))
                else:
                    if fake.behaviour == "slow":
                        time.sleep(fake.slow_seconds)
                    self._send(200, answer_for(mp3_of(fake.asked[-1])))

            def _send(self, status: int, data: bytes) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, name="loopback-google", daemon=True)

    def __enter__(self) -> LoopbackGoogle:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()
