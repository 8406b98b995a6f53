"""An item's files as a resident meets them: one player per recording (Ogg and MP3 as two
sources), a PDF's wrapped lines rebuilt into paragraphs, each file of the reading version
announced, and a reading page titled with the item's title and page number."""

import io
import re

import numpy as np
import soundfile as sf
from sqlalchemy import select

from portal.library import makers
from portal.library.extract import pdf_text
from portal.library.models import Item, ItemFile

TITLE = "Luật Bảo hiểm y tế: những điều người cao tuổi cần biết khi đi khám bệnh ở trạm y tế xã"
CLAUSES = [
    "Điều 3. Quyền của người tham gia bảo hiểm y tế",
    "1. Được cấp thẻ bảo hiểm y tế khi đóng bảo hiểm y tế theo quy định của Luật này, kể cả người dân tộc",
    "2. Lựa chọn cơ sở khám bệnh, chữa bệnh bảo hiểm y tế ban đầu theo quy định tại Điều 26 của Luật này.",
    "a) Người lao động làm việc theo hợp đồng lao động không xác định thời hạn hoặc có thời hạn từ đủ ba tháng",
    "b) Cán bộ, công chức, viên chức.",
]


def _sound(fmt: str) -> bytes:
    out = io.BytesIO()
    sf.write(out, np.zeros(8000, dtype="float32"), 8000, format=fmt)
    return out.getvalue()


def test_a_recording_in_two_formats_is_one_player_with_two_sources(client, make_item, session):
    item_id = make_item(files=[("Bản tin tháng 12.mp3", _sound("MP3")), ("Bản tin tháng 12.ogg", _sound("OGG"))])
    item = session.get(Item, item_id)
    html = client.get(f"/thu-vien/{item.slug}").get_data(as_text=True)
    players = re.findall(r"<audio[^>]*>(.*?)</audio>", html, re.S)
    recordings = [p for p in players if "/nghe/" in p]
    assert len(recordings) == 1, "one recording, one player"
    sources = re.findall(r'<source src="([^"]+)" type="([^"]+)">', recordings[0])
    assert [t for _s, t in sources] == ["audio/ogg", "audio/mpeg"]
    assert "Nghe: Bản tin tháng 12" in html  # the player is labelled
    assert html.count("/tai/") == 2  # both files can still be downloaded


def test_pdf_lines_are_rebuilt_into_paragraphs():
    text = pdf_text(makers.make_pdf(TITLE, CLAUSES))
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == TITLE  # the title wrapped in its large font is one paragraph
    assert paragraphs[1:] == CLAUSES  # each numbered clause its own; "Điều 26 của…" stays in its sentence


def test_each_file_of_the_reading_version_is_announced(client, make_item, session):
    pdf = makers.make_pdf("Luật Bảo hiểm y tế", ["Điều 12. Đối tượng tham gia bảo hiểm y tế.",
                                                 "Người từ đủ 75 tuổi trở lên được ngân sách nhà nước đóng."])
    docx = makers.make_docx("Mẫu tờ khai", ["Tờ khai tham gia bảo hiểm y tế.", "Họ và tên người khai: ……"])
    item_id = make_item(title="Bảo hiểm y tế: luật và tờ khai", files=[("luat.pdf", pdf), ("to-khai.docx", docx)])
    item = session.get(Item, item_id)
    html = client.get(f"/thu-vien/{item.slug}/doc").get_data(as_text=True)
    assert '<h2 class="file-start">Tệp 1/2: luat (PDF)</h2>' in html
    assert '<h2 class="file-start">Tệp 2/2: to-khai (Word (DOCX))</h2>' in html
    assert html.index("Người từ đủ 75 tuổi") < html.index("Tệp 2/2") < html.index("Tờ khai tham gia")
    assert "\ue000" not in html
    assert all(f.text for f in session.scalars(select(ItemFile)))


def test_a_reading_page_is_titled_with_the_item_and_the_page(client, make_item, session, sample_pdf):
    item = session.get(Item, make_item(title="Hỏi đáp bảo hiểm y tế", files=[("luat.pdf", sample_pdf)]))
    html = client.get(f"/thu-vien/{item.slug}/doc").get_data(as_text=True)
    assert "<h1>Hỏi đáp bảo hiểm y tế — trang 1/1</h1>" in html
    assert "<title>Hỏi đáp bảo hiểm y tế — trang 1/1" in html
