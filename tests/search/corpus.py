"""A small realistic corpus and the queries residents type, with the page each must find."""

from datetime import datetime

from portal.search.registry import SearchDocument


def _doc(kind, key, title, text, url, summary="", unit="", province=""):
    return SearchDocument(kind, key, title, text, url, summary=summary, unit_code=unit, province_code=province,
                          published=datetime(2026, 11, int(key) % 28 + 1))


DOCS = [
    _doc("lesson", "1", "Nhận biết cuộc gọi lừa đảo giả danh công an",
         "Kẻ gian gọi điện xưng là công an, nói bạn liên quan đến một vụ án và yêu cầu chuyển tiền để "
         "“xác minh”.\n\nCông an không bao giờ làm việc qua điện thoại hay yêu cầu chuyển tiền. Hãy cúp máy, "
         "không bấm vào đường link lạ và báo ngay cho công an xã hoặc Tổ công nghệ số cộng đồng.",
         "/hoc-so/an-toan/nhan-biet-lua-dao", summary="Ba dấu hiệu của cuộc gọi lừa đảo qua mạng và điện thoại."),
    _doc("bulletin", "2", "Cảnh giác với thủ đoạn lừa đảo qua mạng dịp cuối năm",
         "Thời gian gần đây, nhiều người dân ở Hải Phòng bị lừa đảo qua mạng xã hội Zalo, Facebook với chiêu "
         "giả làm người thân vay tiền. Ban Thường trực Ủy ban MTTQ phường đề nghị bà con cảnh giác.",
         "/ban-tin/canh-giac-lua-dao", unit="11311", province="31"),
    _doc("document", "3", "Cẩm nang phòng, chống lừa đảo trực tuyến",
         "Cẩm nang giới thiệu 24 hình thức lừa đảo trực tuyến phổ biến và cách phòng tránh: không cung cấp mã "
         "OTP, kiểm tra kỹ đường link, gọi lại cho người thân trước khi chuyển tiền.",
         "/thu-vien/cam-nang-lua-dao-truc-tuyen"),
    _doc("lesson", "4", "Kích hoạt tài khoản định danh điện tử VNeID mức 2",
         "Bước 1: mang căn cước đến công an xã, phường để đăng ký tài khoản định danh điện tử mức 2.\n\n"
         "Bước 2: cài ứng dụng VNeID, nhập số định danh cá nhân và mã kích hoạt gửi qua tin nhắn.",
         "/hoc-so/dich-vu-cong/vneid-muc-2"),
    _doc("document", "5", "Luật Bảo hiểm y tế: những điểm người dân cần biết",
         "Người tham gia BHYT được khám chữa bệnh đúng tuyến với mức hưởng 80% đến 100% chi phí. Người cao "
         "tuổi từ 80 tuổi trở lên hưởng trợ cấp xã hội được Nhà nước đóng bảo hiểm y tế.",
         "/thu-vien/luat-bao-hiem-y-te", summary="Tóm tắt quyền lợi khi tham gia bảo hiểm y tế."),
    _doc("bulletin", "6", "Tổ công nghệ số cộng đồng phường Hồng Bàng ra mắt",
         "Tổ gồm 12 thành viên là đoàn viên thanh niên và cán bộ khu dân cư, hướng dẫn bà con dùng dịch vụ công "
         "trực tuyến, thanh toán không dùng tiền mặt.", "/ban-tin/to-cong-nghe-so-hong-bang",
         unit="11311", province="31"),
    _doc("answer", "7", "Đèn đường ngõ 12 phố Lạch Tray hỏng cả tháng",
         "Đèn chiếu sáng công cộng ở ngõ 12 hỏng từ đầu tháng. Ủy ban đã chuyển đề nghị đến công ty chiếu sáng, "
         "đèn đã được thay ngày 20/11.", "/phan-anh/PA-7K3M-9QXP", unit="11311", province="31"),
    _doc("document", "8", "Thủ tục cấp giấy chứng nhận quyền sử dụng đất lần đầu",
         "Hồ sơ gồm đơn đăng ký đất đai, giấy tờ về quyền sử dụng đất, sơ đồ thửa đất. Nộp tại bộ phận một cửa "
         "của xã; thời hạn giải quyết không quá 20 ngày làm việc.", "/thu-vien/cap-so-do-lan-dau"),
    _doc("lesson", "9", "Thanh toán tiền điện bằng mã QR",
         "Mở ứng dụng ngân hàng, chọn quét mã QR trên hóa đơn tiền điện, kiểm tra số tiền rồi xác nhận.",
         "/hoc-so/thanh-toan/tien-dien-qr"),
    _doc("bulletin", "10", "Tháng cao điểm an toàn giao thông",
         "Ủy ban MTTQ tỉnh phát động bà con đội mũ bảo hiểm, không uống rượu bia khi lái xe để giữ an toàn "
         "giao thông.", "/ban-tin/an-toan-giao-thong", unit="01", province=""),
    _doc("document", "11", "Trợ cấp xã hội hằng tháng cho người cao tuổi",
         "Người từ đủ 75 tuổi trở lên không có lương hưu được hưởng trợ cấp hằng tháng; hồ sơ nộp tại Ủy ban "
         "nhân dân xã nơi cư trú.", "/thu-vien/tro-cap-nguoi-cao-tuoi"),
    _doc("answer", "12", "Sửa đường liên xã bị sụt lún",
         "Đoạn đường liên xã qua thôn Đông bị sụt lún sau mưa lũ; Ủy ban đã đề nghị huyện bố trí kinh phí sửa.",
         "/phan-anh/PA-BC2D-3FGH", unit="31", province=""),
    _doc("bulletin", "13", "Tuyên dương gương người tốt việc tốt",
         "Ủy ban MTTQ xã tuyên dương 15 tấm gương tiêu biểu; giao thông thôn xóm được các gia đình hiến đất mở "
         "rộng, an toàn hơn.", "/ban-tin/tuyen-duong"),
]

# (query, url expected among the first `top` results)
QUERIES = [
    ("lua dao qua mang", "/hoc-so/an-toan/nhan-biet-lua-dao", 3),
    ("lua dao qua mang", "/ban-tin/canh-giac-lua-dao", 3),
    ("lua dao qua mang", "/thu-vien/cam-nang-lua-dao-truc-tuyen", 3),
    ("lừa đảo", "/thu-vien/cam-nang-lua-dao-truc-tuyen", 3),
    ("gia danh cong an", "/hoc-so/an-toan/nhan-biet-lua-dao", 1),
    ("vneid muc 2", "/hoc-so/dich-vu-cong/vneid-muc-2", 1),
    ("định danh điện tử", "/hoc-so/dich-vu-cong/vneid-muc-2", 1),
    ("bao hiem y te", "/thu-vien/luat-bao-hiem-y-te", 1),
    ("BHYT", "/thu-vien/luat-bao-hiem-y-te", 1),
    ("giay chung nhan quyen su dung dat", "/thu-vien/cap-so-do-lan-dau", 1),
    ("so do thua dat", "/thu-vien/cap-so-do-lan-dau", 1),
    ("tien dien qr", "/hoc-so/thanh-toan/tien-dien-qr", 1),
    ("den duong hong", "/phan-anh/PA-7K3M-9QXP", 1),
    ("tro cap nguoi cao tuoi", "/thu-vien/tro-cap-nguoi-cao-tuoi", 1),
    ("to cong nghe so", "/ban-tin/to-cong-nghe-so-hong-bang", 1),
    ("HỒNG BÀNG", "/ban-tin/to-cong-nghe-so-hong-bang", 1),
    ("đường", "/phan-anh/PA-BC2D-3FGH", 1),           # exact "đường" above folded "dương"
    ('"an toàn giao thông"', "/ban-tin/an-toan-giao-thong", 1),
    ("thanh to*", "/hoc-so/thanh-toan/tien-dien-qr", 1),
    # one typo in a longer word
    ("bao hiemm y te", "/thu-vien/luat-bao-hiem-y-te", 1),
    ("lừa đảo trực tuyếnn", "/thu-vien/cam-nang-lua-dao-truc-tuyen", 1),
    ("thanh toán tiền điênj", "/hoc-so/thanh-toan/tien-dien-qr", 1),
    ("kich hoatt vneid", "/hoc-so/dich-vu-cong/vneid-muc-2", 1),
]
