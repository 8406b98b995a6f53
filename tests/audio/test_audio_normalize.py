"""Normalisation of real bulletin sentences before synthesis."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.audio import SOUTH, normalize_vi
from portal.audio.normalize import spell_letters

CASES = [
    # money
    ("Mỗi hộ được hỗ trợ 1.500.000 đồng.", "Mỗi hộ được hỗ trợ một triệu năm trăm nghìn đồng."),
    ("Giá vé 50.000đ một người.", "Giá vé năm mươi nghìn đồng một người."),
    ("Quỹ nhận được 200.000 VNĐ.", "Quỹ nhận được hai trăm nghìn đồng."),
    ("Tổng kinh phí 2,5 tỷ đồng.", "Tổng kinh phí hai phẩy năm tỷ đồng."),
    ("Giá xăng 20.500 đồng/lít.", "Giá xăng hai mươi nghìn năm trăm đồng mỗi lít."),
    ("Thu nhập bình quân 4.500 USD/người.", "Thu nhập bình quân bốn nghìn năm trăm đô la Mỹ mỗi người."),
    ("Khoản vay $100.", "Khoản vay một trăm đô la Mỹ."),
    # percentages and decimals
    ("Tỷ lệ hộ nghèo giảm còn 25%.", "Tỷ lệ hộ nghèo giảm còn hai mươi lăm phần trăm."),
    ("Tăng 2,5% so với cùng kỳ.", "Tăng hai phẩy năm phần trăm so với cùng kỳ."),
    ("Độ bao phủ đạt 100%.", "Độ bao phủ đạt một trăm phần trăm."),
    ("Số pi xấp xỉ 3,14.", "Số pi xấp xỉ ba phẩy mười bốn."),
    ("Lãi suất 0,05 mỗi năm.", "Lãi suất không phẩy không năm mỗi năm."),
    ("Cách mạng công nghiệp 4.0", "Cách mạng công nghiệp bốn chấm không"),
    # dates
    ("15/3/2025", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm"),
    (
        "Ngày 15/3/2025, UBND xã tổ chức hội nghị.",
        "Ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã tổ chức hội nghị.",
    ),
    ("Sáng 2/9, nhân dân mít tinh.", "Sáng ngày hai tháng chín, nhân dân mít tinh."),
    ("Hạn chót 30.4.2025.", "Hạn chót ngày ba mươi tháng tư năm hai nghìn không trăm hai mươi lăm."),
    ("Từ 01/7/2025 áp dụng.", "Từ ngày một tháng bảy năm hai nghìn không trăm hai mươi lăm áp dụng."),
    ("Trong tháng 12/2024.", "Trong tháng mười hai năm hai nghìn không trăm hai mươi tư."),
    ("Báo cáo quý 1/2025.", "Báo cáo quý một năm hai nghìn không trăm hai mươi lăm."),
    ("Diễn ra từ 15-20/3.", "Diễn ra từ ngày mười lăm đến hai mươi tháng ba."),
    ("Nhiệm kỳ 2024-2029.", "Nhiệm kỳ hai nghìn không trăm hai mươi tư đến hai nghìn không trăm hai mươi chín."),
    ("Năm 1945 lịch sử.", "Năm một nghìn chín trăm bốn mươi lăm lịch sử."),
    ("Nhà số 12/3 ngõ 5.", "Nhà số mười hai trên ba ngõ năm."),
    # times
    ("Khai mạc lúc 7h30.", "Khai mạc lúc bảy giờ ba mươi."),
    ("Họp lúc 14:00 chiều nay.", "Họp lúc mười bốn giờ chiều nay."),
    ("Bắt đầu 8h, kết thúc 11h45.", "Bắt đầu tám giờ, kết thúc mười một giờ bốn mươi lăm."),
    ("Giờ G: 8:15:30.", "Giờ G: tám giờ mười lăm phút ba mươi giây."),
    # phone numbers
    ("Gọi 0912 345 678 để được hỗ trợ.", "Gọi không chín một hai, ba bốn năm, sáu bảy tám để được hỗ trợ."),
    ("SĐT: 0987654321.", "số điện thoại: không chín tám bảy, sáu năm bốn, ba hai một."),
    ("Máy bàn (024) 3822 1234.", "Máy bàn không hai bốn, ba tám hai hai, một hai ba bốn."),
    ("Đường dây nóng 1900 1234.", "Đường dây nóng một chín không không, một hai ba bốn."),
    ("Tổng đài 111 bảo vệ trẻ em.", "Tổng đài một một một bảo vệ trẻ em."),
    ("Tổng đài nhận 1.500 cuộc gọi, gọi 3 lần.", "Tổng đài nhận một nghìn năm trăm cuộc gọi, gọi ba lần."),
    ("Liên hệ +84 912 345 678.", "Liên hệ cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám."),
    # Roman numerals in context, ordinals
    ("Kết quả quý III rất khả quan.", "Kết quả quý ba rất khả quan."),
    ("Quốc hội khóa XV họp kỳ thứ 8.", "Quốc hội khóa mười lăm họp kỳ thứ tám."),
    ("Chương II quy định về tổ chức.", "Chương hai quy định về tổ chức."),
    ("Đại hội XIII của Đảng.", "Đại hội mười ba của Đảng."),
    ("Bước vào thế kỷ XXI.", "Bước vào thế kỷ hai mươi mốt."),
    ("Đại hội đại biểu lần thứ X.", "Đại hội đại biểu lần thứ mười."),
    ("Giải thứ 1 và thứ 4.", "Giải thứ nhất và thứ tư."),
    ("Họp vào Thứ 2 hằng tuần.", "Họp vào Thứ hai hằng tuần."),
    ("Vitamin C và tia X.", "Vitamin C và tia X."),
    # abbreviations
    ("MTTQ các cấp vào cuộc.", "Mặt trận Tổ quốc các cấp vào cuộc."),
    ("Ủy ban MTTQVN tỉnh.", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh."),
    ("UBND và HĐND xã.", "Ủy ban nhân dân và Hội đồng nhân dân xã."),
    ("Tham gia BHYT, BHXH.", "Tham gia bảo hiểm y tế, bảo hiểm xã hội."),
    ("Học sinh THCS và THPT.", "Học sinh trung học cơ sở và trung học phổ thông."),
    ("Làm CCCD, kích hoạt VNeID.", "Làm căn cước công dân, kích hoạt vê en e ai đi."),
    ("Tại TP. Hồ Chí Minh và TP.HCM.", "Tại thành phố Hồ Chí Minh và thành phố Hồ Chí Minh."),
    ("Trụ sở ở Q.1, P. Bến Nghé.", "Trụ sở ở quận một, phường Bến Nghé."),
    ("Ông Nguyễn Văn P. đã đến.", "Ông Nguyễn Văn P. đã đến."),
    ("Gạo, muối, dầu ăn, v.v.", "Gạo, muối, dầu ăn, vân vân."),
    ("PGS.TS. Nguyễn Văn A phát biểu.", "phó giáo sư tiến sĩ Nguyễn Văn A phát biểu."),
    ("Luật số 75/2015/QH13.", "Luật số bảy mươi lăm năm hai nghìn không trăm mười lăm của Quốc hội khóa mười ba."),
    ("Theo WHO và ASEAN.", "Theo vê kép hát o và ASEAN."),
    # identifiers, units, signs
    ("Số CCCD 001203004567.", "Số căn cước công dân không không một hai không ba không không bốn năm sáu bảy."),
    ("Bệnh nhân F0 mắc COVID-19.", "Bệnh nhân F không mắc COVID mười chín."),
    ("Nhiệt độ -5°C.", "Nhiệt độ âm năm độ C."),
    ("Diện tích 120 ha, dài 3,5 km.", "Diện tích một trăm hai mươi héc ta, dài ba phẩy năm ki lô mét."),
    ("Căn hộ 45 m2.", "Căn hộ bốn mươi lăm mét vuông."),
    ("Nghỉ 5 - 7 ngày, ~300 người.", "Nghỉ năm đến bảy ngày, khoảng ba trăm người."),
    ("Xem tại dichvucong.gov.vn nhé.", "Xem tại dichvucong chấm gov chấm vn nhé."),
    ("Gửi hotro@mattran.org.vn.", "Gửi hotro a còng mattran chấm org chấm vn."),
    ("Cả nước có 3.321 xã, phường.", "Cả nước có ba nghìn ba trăm hai mươi mốt xã, phường."),
]


@pytest.mark.parametrize(("written", "spoken"), CASES)
def test_sentences_are_rewritten_as_spoken(written: str, spoken: str) -> None:
    assert normalize_vi(written) == spoken


def test_output_is_nfc_even_from_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Hội nghị Mặt trận Tổ quốc ngày 2/9")
    result = normalize_vi(decomposed)
    assert result == unicodedata.normalize("NFC", result)
    assert result == "Hội nghị Mặt trận Tổ quốc ngày hai tháng chín"


def test_paragraphs_and_headings_keep_their_line_breaks() -> None:
    text = "THÔNG BÁO\n\nUBND xã thông báo.\n\n\n\nĐề nghị bà con   thực hiện."
    assert normalize_vi(text) == "THÔNG BÁO\n\nỦy ban nhân dân xã thông báo.\n\nĐề nghị bà con thực hiện."


def test_bullets_emoji_and_brackets_become_pauses_or_nothing() -> None:
    text = "- Đăng ký 🎉 (miễn phí)\n• Nhận quà"
    assert normalize_vi(text) == "Đăng ký, miễn phí\nNhận quà"


def test_southern_numbers() -> None:
    assert normalize_vi("Hỗ trợ 1.005 hộ.", SOUTH) == "Hỗ trợ một ngàn không trăm lẻ năm hộ."


def test_unknown_acronyms_are_spelled_but_capitalised_words_are_not() -> None:
    assert normalize_vi("UBKT kiểm tra") == "u bê ca tê kiểm tra"
    assert normalize_vi("TIN VẮN BAN NGÀY") == "TIN VẮN BAN NGÀY"
    assert spell_letters("Đb") == "đê bê"


def test_no_digits_survive() -> None:
    text = "Ngày 5/6, 12 hộ nhận 3.000.000đ; gọi 0912345678 hoặc 1900 1234 lúc 9h15, đạt 97,5%."
    assert not any(ch.isdigit() for ch in normalize_vi(text))


def test_empty_and_blank_text() -> None:
    assert normalize_vi("") == ""
    assert normalize_vi("  \n\t ") == ""


_PIECES = [*"0123456789 .,/:-–%đhgkm()+$@\nIVXLTPQĐăâêôơư", "ngày ", "tháng ", "thứ ", "quý ", "SĐT ",
           "số ", "VNĐ", "km", "°C", "v.v.", "TP.", "Q.", "https://", ".vn", "khóa ", "lúc "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_mixture_of_digits_and_symbols_comes_out_as_nfc_words(text: str) -> None:
    spoken = normalize_vi(text)
    assert spoken == unicodedata.normalize("NFC", spoken)
    assert not any(ch.isdigit() for ch in spoken)
