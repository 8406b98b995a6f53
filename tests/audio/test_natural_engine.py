"""``SPEECH_ENGINE=auto``: the natural voice (gTTS) when it answers, the offline voice on a
timeout or an error, and an outage every worker and instance respects, doubling up to 6 hours.

Google is played by `tests.audio.loopback_google` on a loopback port (SPEECH_NATURAL_URL):
nothing leaves this machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import soundfile
from sqlalchemy import select

from portal.audio import EngineUnavailable, render_speech
from portal.audio.engines.google import GoogleEngine
from portal.db import db, utcnow
from portal.media_render import natural
from portal.media_render.models import VoiceOutage
from tests.audio.loopback_google import LoopbackGoogle

TEXT = "Bản tin Mặt trận. Họp tổ dân phố lúc 19 giờ."


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackGoogle]:
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # gTTS would send even a loopback request through them
    with LoopbackGoogle(slow_seconds=2.0) as fake:
        yield fake


@pytest.fixture
def auto(app, google, tmp_path, monkeypatch):
    """The app speaking with ``auto``, Google being the loopback fake; yields the audio folder."""
    monkeypatch.setitem(app.config, "SPEECH_ENGINE", "auto")
    monkeypatch.setitem(app.config, "SPEECH_NATURAL_URL", google.url)
    monkeypatch.setitem(app.config, "SPEECH_NATURAL_TIMEOUT", 0.5)
    with app.app_context():
        yield tmp_path / "audio"


def _outage(engine: str = "gtts") -> VoiceOutage | None:
    with db.new_session() as session:
        return session.scalar(select(VoiceOutage).where(VoiceOutage.engine == engine))


def test_the_engine_speaks_what_the_loopback_google_answers(google, tmp_path) -> None:
    pcm = GoogleEngine(url=google.url, timeout=5).synthesize("Xin chào bà con.")
    assert google.asked == ["Xin chào bà con."] and pcm.sample_rate == 24_000 and pcm.duration > 0.5
    result = render_speech(TEXT, tmp_path, engine="gtts", url=google.url, timeout=5)
    assert result.engine == "gtts" and not result.fell_back
    assert google.asked[1:] == ["Bản tin Mặt trận.", "Họp tổ dân phố lúc mười chín giờ."]
    assert soundfile.info(result.opus_path).duration == pytest.approx(result.duration, abs=0.05)
    with pytest.raises(ValueError, match="http"):
        GoogleEngine(url="file:///etc/passwd")


@pytest.mark.parametrize("behaviour", ["error", "garbage", "slow"])
def test_a_failing_google_is_unavailable(google, behaviour) -> None:
    google.behaviour = behaviour
    with pytest.raises(EngineUnavailable):
        GoogleEngine(url=google.url, timeout=0.5).synthesize("Xin chào.")
    assert google.asked == ["Xin chào."]


def test_auto_uses_the_natural_voice_when_it_answers(auto, google) -> None:
    result = natural.speak(TEXT, auto, time_limit=60)
    assert result.engine == "gtts" and not result.fell_back and len(google.asked) == 2
    assert _outage() is None  # never failed: no outage row


@pytest.mark.parametrize("behaviour", ["error", "slow"])
def test_auto_falls_back_to_the_offline_voice_and_then_leaves_google_alone(auto, google, behaviour) -> None:
    google.behaviour = behaviour
    started = utcnow()
    result = natural.speak(TEXT, auto, time_limit=60)
    assert result.engine == "espeak" and result.fell_back and result.opus_path.exists()
    assert google.asked == ["Bản tin Mặt trận."]  # the first sentence failed: the whole text offline
    outage = _outage()
    assert outage.failures == 1 and "unavailable" in outage.reason
    assert started + timedelta(minutes=5) <= outage.retry_at <= utcnow() + timedelta(minutes=5)

    google.behaviour = "speak"  # back, but nobody asks before the five minutes are over
    again = natural.speak("Một văn bản khác.", auto, time_limit=60)
    assert again.engine == "espeak" and again.fell_back and google.asked == ["Bản tin Mặt trận."]
    assert _outage().failures == 1  # not asked, so not another failure


def test_the_outage_is_shared_by_another_instance(app, app_config, auto, google) -> None:
    from portal import create_app

    google.behaviour = "error"
    natural.speak(TEXT, auto, time_limit=60)
    other = create_app({**app_config, "SPEECH_ENGINE": "auto", "SPEECH_NATURAL_URL": google.url,
                        "SPEECH_NATURAL_TIMEOUT": 0.5, "JOBS_NAME": app_config["JOBS_NAME"] + "-other"})
    try:
        with other.app_context():  # another instance: its own engine and pool, the same database
            assert db.engine is not None
            with db.new_session() as session:
                assert not natural.may_ask(session)
            result = natural.speak("Một văn bản khác.", auto, time_limit=60)
        assert result.fell_back and google.asked == ["Bản tin Mặt trận."]
    finally:
        db.bind(app)


def test_after_the_wait_google_is_asked_again_and_the_outage_ends(auto, google) -> None:
    google.behaviour = "error"
    natural.speak(TEXT, auto, time_limit=60)
    with db.new_session() as session:
        session.get(VoiceOutage, "gtts").retry_at = utcnow() - timedelta(seconds=1)
        session.commit()
    google.behaviour = "speak"
    result = natural.speak(TEXT, auto, time_limit=60)
    assert result.engine == "gtts" and not result.fell_back and len(google.asked) == 3
    outage = _outage()
    assert outage.failures == 0 and outage.retry_at is None


def test_the_wait_doubles_up_to_six_hours_and_counts_simultaneous_failures_once(app) -> None:
    assert [natural.wait_after(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (5, 10, 20, 40)]
    assert natural.wait_after(7) == timedelta(hours=5, minutes=20) and natural.wait_after(8) == timedelta(hours=6)
    assert natural.wait_after(400) == timedelta(hours=6)
    now = utcnow()
    with app.app_context(), db.new_session() as first, db.new_session() as second:
        assert natural.failed(first, "down", now=now)
        assert not natural.failed(second, "down too", now=now)  # a second worker, same moment
        assert not natural.may_ask(second, now=now + timedelta(minutes=4))
        assert natural.may_ask(second, now=now + timedelta(minutes=5))
        waits = []
        for _ in range(9):
            now = first.get(VoiceOutage, "gtts").retry_at
            first.expire_all()
            assert natural.failed(first, "still down", now=now)
            waits.append(first.get(VoiceOutage, "gtts").retry_at - now)
        assert waits[:3] == [timedelta(minutes=10), timedelta(minutes=20), timedelta(minutes=40)]
        assert waits[-2:] == [timedelta(hours=6)] * 2
        natural.answered(second)
        first.expire_all()
        assert first.get(VoiceOutage, "gtts").failures == 0 and natural.may_ask(first)


def test_the_probe_asks_google_only_when_it_may(auto, google) -> None:
    assert natural.probe() and google.asked == [natural.PROBE_TEXT]
    google.behaviour = "error"
    assert not natural.probe() and _outage().failures == 1
    google.behaviour = "speak"
    assert not natural.probe() and len(google.asked) == 2  # within the wait: not asked
