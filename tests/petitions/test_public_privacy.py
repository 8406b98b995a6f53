"""No personal data on any public response: unique phone numbers, e-mails, hidden names, the
original wording and internal notes are planted, then every public page, the feed, the home
page, the statistics and the search results (after indexing) are checked for them."""

from __future__ import annotations

import re

from portal.petitions.models import PetitionEvent
from tests.petitions.test_public_answers import add_petition

PUBLIC_WORD = "Kênh Thủy Lợi Bắc Hưng Hải"  # in the public wording of both petitions


def _plant(session):
    secret_phone, secret_email = "0983 714 265", "tran.bi.mat.71426@example.org"
    hidden = add_petition(
        session, "11311", name="Lê Thị Giấu Tên Mười Bảy", hide_name=True, phone=secret_phone, email=secret_email,
        title="Tiêu đề gốc riêng tư Zephyrion", body="Nội dung gốc riêng tư Quasimodex, số nhà 27 ngõ 5.",
        public_title=f"Rác thải bên {PUBLIC_WORD}", public_body=f"Rác thải đổ xuống {PUBLIC_WORD} nhiều tháng.",
        answer=f"Ủy ban đã cho vớt rác ở {PUBLIC_WORD}.")
    named = add_petition(
        session, "31", name="Phạm Văn Công Khai", hide_name=False, phone="0356-228-904",
        email="pham.cong.khai.2289@example.org", title="Tiêu đề gốc khác Obfuscatorix",
        body="Nội dung gốc khác Wunderbaum-ABC.", public_title=f"Bờ {PUBLIC_WORD} sạt lở",
        public_body=f"Bờ {PUBLIC_WORD} sạt lở sau mưa.", answer=f"Đã gia cố bờ {PUBLIC_WORD}.")
    for p in (hidden, named):
        session.add(PetitionEvent(petition_id=p.id, kind="note", for_resident=False,
                                  note="Ghi chú nội bộ Xylophagous-779: gọi lại cho người gửi"))
    session.commit()
    secrets = ["Lê Thị Giấu Tên", "0983714265", "983714265", "0983 714 265", "tran.bi.mat", "71426@",
               "0356228904", "0356-228-904", "pham.cong.khai", "Zephyrion", "Quasimodex", "số nhà 27",
               "Obfuscatorix", "Wunderbaum", "Xylophagous", "gọi lại cho người gửi"]
    return hidden, named, secrets


def _assert_clean(name: str, text: str, secrets: list[str]) -> None:
    squeezed = re.sub(r"[\s.\-]", "", text)  # phone numbers split by spaces, dots or dashes
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaked on {name}"
        if secret.replace(" ", "").isdigit():
            assert secret.replace(" ", "") not in squeezed, f"{secret!r} leaked on {name}"


def test_no_personal_data_on_any_public_response(app, client, session):
    from portal.search.jobs import refresh

    hidden, named, secrets = _plant(session)
    with app.app_context():
        for p in (hidden, named):
            refresh("answer", str(p.id))
    pages = {
        "list": "/phan-anh/", "list by commune": "/phan-anh/?don-vi=11311", "list by province": "/phan-anh/?tinh=31",
        "hidden-name page": f"/phan-anh/{hidden.code}", "named page": f"/phan-anh/{named.code}",
        "feed": "/phan-anh/feed.atom", "commune feed": "/phan-anh/feed.atom?don-vi=11311", "home": "/",
        "statistics": "/thong-ke", "commune statistics": "/thong-ke/11311", "province statistics": "/thong-ke/31",
        "search": "/tim-kiem?q=kenh+thuy+loi+bac+hung+hai",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        _assert_clean(name, response.get_data(as_text=True), secrets)

    search = client.get(pages["search"]).get_data(as_text=True)
    assert f"/phan-anh/{hidden.code}" in search and f"/phan-anh/{named.code}" in search  # indexed, yet clean
    # Searching for the private words finds nothing (the results page echoes the query itself).
    for secret in ("Zephyrion", "Quasimodex", "Giau Ten", "Xylophagous", "0983714265", "tran.bi.mat", "Wunderbaum"):
        assert "/phan-anh/PA-" not in client.get(f"/tim-kiem?q={secret}").get_data(as_text=True), secret
    # The sender who did not ask to hide their name is named; their contact data is not.
    assert "Phạm Văn Công Khai" in client.get(f"/phan-anh/{named.code}").get_data(as_text=True)
    assert "Phạm Văn Công Khai" not in client.get("/phan-anh/feed.atom").get_data(as_text=True)


def test_no_personal_data_in_the_search_index(app, session):
    """The index itself (Whoosh files or PostgreSQL tables): stored values and every indexed word."""
    from portal.search.backend import current
    from portal.search.jobs import refresh

    hidden, named, secrets = _plant(session)
    with app.app_context():
        for p in (hidden, named):
            refresh("answer", str(p.id))
        stored, lexicon = current().contents()
    assert f"/phan-anh/{hidden.code}" in stored
    _assert_clean("the index's stored fields", stored, secrets)
    for word in ("zephyrion", "quasimodex", "obfuscatorix", "wunderbaum", "xylophagous", "0983714265",
                 "983714265", "714", "265", "0356", "228", "904", "tran", "khai", "giau"):
        assert word not in lexicon, word
