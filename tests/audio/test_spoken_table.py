"""The table of written → spoken text that the speech normaliser must get right (issue 15).

One row each. The first block is what listeners tripped over; the rest are everyday lines of
the Front's bulletins that the other tables (test_audio_normalize.py) do not already cover.
`SPOKEN_TABLE` is also used to measure other normalisers against ours (see normalize.py).
"""

from __future__ import annotations

import pytest

from portal.audio import normalize_vi
from portal.audio.engines.espeak import EspeakEngine

Y2021 = "hai nghìn không trăm hai mươi mốt"
Y2026 = "hai nghìn không trăm hai mươi sáu"

SPOKEN_TABLE: list[tuple[str, str]] = [
    # Fractions are not dates: a date needs a day and month that exist, and a context.
    ("Khoảng 1/2 số hộ đã đăng ký.", "Khoảng một phần hai số hộ đã đăng ký."),
    ("Có 3/4 số xã đạt chuẩn.", "Có ba phần tư số xã đạt chuẩn."),
    ("Đạt 2/3 kế hoạch năm.", "Đạt hai phần ba kế hoạch năm."),
    ("Đạt 15/20 chỉ tiêu.", "Đạt mười lăm trên hai mươi chỉ tiêu."),
    ("Sáng 1/2, hội nghị khai mạc.", "Sáng ngày một tháng hai, hội nghị khai mạc."),
    ("Ngày 1/2 tới sẽ họp.", "Ngày một tháng hai tới sẽ họp."),
    ("Tối 24/12 có đêm nhạc.", "Tối ngày hai mươi tư tháng mười hai có đêm nhạc."),
    ("Hạn nộp 31/4 là sai.", "Hạn nộp ba mươi mốt trên bốn là sai."),
    ("Kỷ niệm ngày 2/9.", "Kỷ niệm ngày hai tháng chín."),
    ("Đến 31/12 hằng năm.", "Đến ngày ba mươi mốt tháng mười hai hằng năm."),
    ("Khai mạc 12/3 tại hội trường.", "Khai mạc ngày mười hai tháng ba tại hội trường."),
    ("Dịp 30/4 và 1/5.", "Dịp ngày ba mươi tháng tư và ngày một tháng năm."),
    ("Nghỉ lễ 30/4 - 1/5.", "Nghỉ lễ ngày ba mươi tháng tư đến ngày một tháng năm."),
    ("Lớp 10/10 xã đạt chuẩn.", "Lớp mười trên mười xã đạt chuẩn."),
    # Leading zeros in counts are dropped; codes keep every digit.
    ("Cam kết 05 năm.", "Cam kết năm năm."),
    ("Tổ 03 có 07 hộ.", "Tổ ba có bảy hộ."),
    ("Vay 50 triệu đồng trong 05 năm.", "Vay năm mươi triệu đồng trong năm năm."),
    ("Vào lúc 9 giờ 05 phút.", "Vào lúc chín giờ năm phút."),
    ("Mã hồ sơ 0123 đã nhận.", "Mã hồ sơ không một hai ba đã nhận."),
    ("Nhập mã 007 vào ô.", "Nhập mã không không bảy vào ô."),
    (
        "Tài khoản số 0011 0022 3344.",
        "Tài khoản số không không một một, không không hai hai, ba ba bốn bốn.",
    ),
    # Abbreviations as a Vietnamese listener says them.
    ("CLB dưỡng sinh phường.", "câu lạc bộ dưỡng sinh phường."),
    ("GS.TS Nguyễn Văn A phát biểu.", "giáo sư tiến sĩ Nguyễn Văn A phát biểu."),
    ("GS.TS. Lê Thị B chủ trì.", "giáo sư tiến sĩ Lê Thị B chủ trì."),
    ("STK 1234567890 tại ngân hàng.", "số tài khoản một hai ba bốn, năm sáu bảy tám, chín không tại ngân hàng."),
    ("Làm CCCD gắn chip.", "Làm căn cước công dân gắn chip."),
    ("Cài ứng dụng VNeID.", "Cài ứng dụng vê en e ai đi."),
    ("Nhập mã OTP gửi về máy.", "Nhập mã ô tê pê gửi về máy."),
    ("Quét mã QR để ủng hộ.", "Quét mã kiu a để ủng hộ."),
    ("UBND phường 7 thông báo.", "Ủy ban nhân dân phường bảy thông báo."),
    ("HĐND tỉnh khóa X.", "Hội đồng nhân dân tỉnh khóa mười."),
    ("MTTQ xã Tân Phú.", "Mặt trận Tổ quốc xã Tân Phú."),
    ("Gia hạn thẻ BHYT.", "Gia hạn thẻ bảo hiểm y tế."),
    ("Đóng BHXH tự nguyện.", "Đóng bảo hiểm xã hội tự nguyện."),
    (
        "Số 12 đường Lê Lợi, P. Bến Thành, Q.1, TP.HCM.",
        "Số mười hai đường Lê Lợi, phường Bến Thành, quận một, thành phố Hồ Chí Minh.",
    ),
    ("Ở TP. Đà Nẵng.", "Ở thành phố Đà Nẵng."),
    # Units in words (‰ was silent).
    ("Tỷ lệ sinh 25‰.", "Tỷ lệ sinh hai mươi lăm phần nghìn."),
    ("Tỷ lệ 3‰ dân số.", "Tỷ lệ ba phần nghìn dân số."),
    ("Thả 5 con/m².", "Thả năm con mỗi mét vuông."),
    ("Trồng 10 ha lúa.", "Trồng mười héc ta lúa."),
    ("Cách trung tâm 12 km.", "Cách trung tâm mười hai ki lô mét."),
    ("Mỗi hộ nhận 10 kg gạo.", "Mỗi hộ nhận mười ki lô gam gạo."),
    ("Diện tích 300 m2.", "Diện tích ba trăm mét vuông."),
    ("Rộng 2,5 km2.", "Rộng hai phẩy năm ki lô mét vuông."),
    ("Mật độ 500 người/km².", "Mật độ năm trăm người mỗi ki lô mét vuông."),
    ("Nắng nóng 38°C.", "Nắng nóng ba mươi tám độ C."),
    ("Tốc độ 50 km/h.", "Tốc độ năm mươi ki lô mét một giờ."),
    ("Cao 1,65 m.", "Cao một phẩy sáu mươi lăm mét."),
    # Dates and times.
    ("Ngày 2026-12-15 họp.", f"Ngày mười lăm tháng mười hai năm {Y2026} họp."),
    ("Hạn chót 2026-01-05.", f"Hạn chót ngày năm tháng một năm {Y2026}."),
    ("Ngày 15/12/2026 khai mạc.", f"Ngày mười lăm tháng mười hai năm {Y2026} khai mạc."),
    ("Tháng 3/2026.", f"Tháng ba năm {Y2026}."),
    ("Năm học 2025/2026.", f"Năm học hai nghìn không trăm hai mươi lăm đến {Y2026}."),
    ("Ngày 29/2/2024.", "Ngày hai mươi chín tháng hai năm hai nghìn không trăm hai mươi tư."),
    ("Hoàn thành trong quý IV/2026.", f"Hoàn thành trong quý bốn năm {Y2026}."),
    ("Năm 2026 là năm bản lề.", f"Năm {Y2026} là năm bản lề."),
    ("Từ năm 2000.", "Từ năm hai nghìn."),
    ("Giai đoạn 2021-2025.", f"Giai đoạn {Y2021} đến hai nghìn không trăm hai mươi lăm."),
    ("Lúc 12h15p.", "Lúc mười hai giờ mười lăm phút."),
    ("Làm việc 10h-11h30.", "Làm việc từ mười giờ đến mười một giờ ba mươi."),
    ("Tiếp dân từ 7h30 - 11h.", "Tiếp dân từ bảy giờ ba mươi đến mười một giờ."),
    ("Từ 13:30 đến 17:00.", "Từ mười ba giờ ba mươi đến mười bảy giờ."),
    ("Khai mạc lúc 8h00.", "Khai mạc lúc tám giờ."),
    ("Họp 8:00-9:30 tại xã.", "Họp từ tám giờ đến chín giờ ba mươi tại xã."),
    ("Họp 14h30 ngày 5/12.", "Họp mười bốn giờ ba mươi ngày năm tháng mười hai."),
    ("Thứ 7 và Chủ nhật.", "Thứ bảy và Chủ nhật."),
    ("Đứng thứ 2 toàn tỉnh.", "Đứng thứ hai toàn tỉnh."),
    ("Lần thứ 14.", "Lần thứ mười bốn."),
    # Money, per-unit prices, percentages, decimals.
    ("Hỗ trợ 2 triệu đồng/người/tháng.", "Hỗ trợ hai triệu đồng mỗi người mỗi tháng."),
    ("Bảo hiểm 4,5 triệu đồng/năm.", "Bảo hiểm bốn phẩy năm triệu đồng mỗi năm."),
    ("Giá 25.000đ/kg.", "Giá hai mươi lăm nghìn đồng mỗi ki lô gam."),
    ("Tập thể dục 3 lần/tuần.", "Tập thể dục ba lần mỗi tuần."),
    ("Học 2 buổi/ngày.", "Học hai buổi mỗi ngày."),
    ("Có 12 xã/phường tham gia.", "Có mười hai xã phường tham gia."),
    ("Trao 500.000 đồng cho 20 hộ.", "Trao năm trăm nghìn đồng cho hai mươi hộ."),
    ("Kinh phí 1,2 tỷ đồng.", "Kinh phí một phẩy hai tỷ đồng."),
    ("Hơn 1,5 triệu người.", "Hơn một phẩy năm triệu người."),
    ("Giảm 12,5%.", "Giảm mười hai phẩy năm phần trăm."),
    ("Đạt 99,9%.", "Đạt chín mươi chín phẩy chín phần trăm."),
    ("Tăng 3-5%.", "Tăng ba đến năm phần trăm."),
    ("Dân số 1.234.567 người.", "Dân số một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy người."),
    ("Có 105 hộ.", "Có một trăm linh năm hộ."),
    ("Có 2.021 hộ.", "Có hai nghìn không trăm hai mươi mốt hộ."),
    ("Khoảng 10.000 người.", "Khoảng mười nghìn người."),
    ("Từ 3-5 người một nhóm.", "Từ ba đến năm người một nhóm."),
    # Phone numbers digit by digit, in their groups.
    ("Gọi 0987 654 321.", "Gọi không chín tám bảy, sáu năm bốn, ba hai một."),
    ("Hotline 1800 1090.", "Hotline một tám không không, một không chín không."),
    ("ĐT: 024.3825.1234.", "điện thoại: không hai bốn, ba tám hai năm, một hai ba bốn."),
    ("Số 0912345678 của tổ trưởng.", "Số không chín một hai, ba bốn năm, sáu bảy tám của tổ trưởng."),
    # Legal texts, as an official reads a document number.
    ("Theo Nghị định số 07/2021/NĐ-CP.", f"Theo Nghị định số bảy năm {Y2021} của Chính phủ."),
    (
        "Quyết định số 15/2020/QĐ-TTg.",
        "Quyết định số mười lăm năm hai nghìn không trăm hai mươi của Thủ tướng Chính phủ.",
    ),
    ("Nghị quyết số 57-NQ/TW.", "Nghị quyết số năm mươi bảy của Trung ương."),
    ("Thông tư 01/2024/TT-BTC.", "Thông tư một năm hai nghìn không trăm hai mươi tư của Bộ Tài chính."),
    ("Căn cứ Quyết định 1234/QĐ-UBND.", "Căn cứ Quyết định một nghìn hai trăm ba mươi tư của Ủy ban nhân dân."),
    (
        "Luật số 30/2023/QH15.",
        "Luật số ba mươi năm hai nghìn không trăm hai mươi ba của Quốc hội khóa mười lăm.",
    ),
    (
        "Công văn 456/UBND-VX ngày 2/3.",
        "Công văn bốn trăm năm mươi sáu của Ủy ban nhân dân vê ích ngày hai tháng ba.",
    ),
    ("Kết luận 01-KL/TW.", "Kết luận một của Trung ương."),
    ("Số 07/2021/NĐ-CP.", f"Số bảy năm {Y2021} nghị định của Chính phủ."),
    ("Điều 5 Luật Mặt trận.", "Điều năm Luật Mặt trận."),
    ("Khoản 2 Điều 12.", "Khoản hai Điều mười hai."),
    ("Chương II, Mục 3.", "Chương hai, Mục ba."),
    ("Phần IV của báo cáo.", "Phần bốn của báo cáo."),
    ("Hẻm 45/12 đường số 3.", "Hẻm bốn mươi lăm trên mười hai đường số ba."),
]


def test_the_table_has_at_least_80_distinct_rows() -> None:
    assert len(SPOKEN_TABLE) >= 80
    assert len({written for written, _ in SPOKEN_TABLE}) == len(SPOKEN_TABLE)


@pytest.mark.parametrize(("written", "spoken"), SPOKEN_TABLE, ids=[w for w, _ in SPOKEN_TABLE])
def test_written_text_is_read_as_spoken(written: str, spoken: str) -> None:
    assert normalize_vi(written) == spoken


def test_the_per_mille_sign_is_heard_through_the_real_voice() -> None:
    # espeak-ng says nothing for "‰": "25‰" used to last as long as "hai mươi lăm" alone.
    engine = EspeakEngine()
    bare = engine.synthesize("hai mươi lăm").duration
    assert engine.synthesize("‰").duration < 0.1
    assert engine.synthesize(normalize_vi("25‰")).duration > bare + 0.3
