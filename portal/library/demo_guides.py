"""Demo library items, part 2: guides, e-books and audio (same tuple shape as demo_laws).

For an e-book, the body is a list of (chapter heading, paragraphs); for audio, the body is
the text the speech pipeline reads into the MP3 and Ogg files.
"""

DISASTER_BOOK = [
    ("Chương 1. Trước mùa mưa bão", [
        "Gia cố mái nhà, chằng chống cửa, chặt tỉa cành cây gần nhà. Kiểm tra đường điện, tránh để dây điện chạm "
        "vào mái tôn.",
        "Chuẩn bị túi đồ dùng khẩn cấp: đèn pin, pin dự phòng, áo mưa, thuốc men thường dùng, giấy tờ tùy thân để "
        "trong túi ni lông kín, nước uống và lương thực khô cho ít nhất ba ngày.",
        "Ghi số điện thoại của trưởng thôn, tổ trưởng tổ dân phố, trạm y tế và Ban Chỉ huy phòng thủ dân sự xã vào "
        "một tờ giấy dán cạnh cửa.",
    ]),
    ("Chương 2. Khi có bão, lũ", [
        "Theo dõi bản tin thời tiết trên loa phát thanh, đài truyền hình và tin nhắn cảnh báo. Không ra biển, không "
        "đi qua ngầm tràn, suối khi nước đang lên.",
        "Khi được yêu cầu sơ tán, đi ngay, mang theo túi đồ khẩn cấp, giúp người già, trẻ nhỏ, người khuyết tật đi "
        "trước. Ngắt cầu dao điện trước khi rời nhà.",
        "Ở vùng núi, để ý dấu hiệu sạt lở: tiếng nổ lạ trong núi, nước suối đục bất thường, vết nứt mới trên sườn "
        "đồi. Thấy dấu hiệu lạ, báo ngay cho chính quyền và rời khỏi khu vực.",
    ]),
    ("Chương 3. Sau bão, lũ", [
        "Chỉ về nhà khi chính quyền thông báo an toàn. Không chạm vào dây điện đứt, không dùng thiết bị điện bị "
        "ngấm nước khi chưa được kiểm tra.",
        "Dọn vệ sinh, khử trùng nguồn nước, đun sôi nước trước khi uống để phòng bệnh tiêu chảy, sốt xuất huyết.",
        "Các gia đình bị thiệt hại báo cho trưởng thôn để được ghi nhận, hỗ trợ kịp thời; Ủy ban MTTQ các cấp vận "
        "động, tiếp nhận và phân bổ hàng cứu trợ công khai, đúng người.",
    ]),
]

DIGITAL_BOOK = [
    ("Bài 1. Làm quen với điện thoại thông minh", [
        "Màn hình chính có các biểu tượng ứng dụng. Chạm nhẹ một lần để mở, vuốt từ dưới lên hoặc bấm nút tròn để "
        "quay về màn hình chính.",
        "Muốn chữ to hơn, vào Cài đặt, chọn Màn hình, rồi kéo thanh Cỡ chữ sang phải.",
    ]),
    ("Bài 2. Tài khoản định danh điện tử VNeID", [
        "VNeID là ứng dụng của Bộ Công an. Tài khoản mức 2 dùng thay căn cước khi làm thủ tục, đi khám bệnh, và "
        "dùng để nộp hồ sơ trên Cổng dịch vụ công quốc gia.",
        "Để kích hoạt, bà con mang căn cước có gắn chíp đến công an xã, phường; cán bộ sẽ chụp ảnh, lấy dấu vân tay "
        "và gửi mã kích hoạt qua tin nhắn. Tổ công nghệ số cộng đồng có thể giúp cài ứng dụng và đặt mật khẩu.",
    ]),
    ("Bài 3. Giữ an toàn trên mạng", [
        "Không bao giờ đọc mã OTP cho người khác, kể cả khi họ xưng là công an, ngân hàng hay nhân viên điện lực.",
        "Không bấm vào đường link lạ gửi qua tin nhắn. Khi nghi ngờ, hỏi con cháu, tổ công nghệ số hoặc gọi 113.",
    ]),
]

NTM_BOOK = [
    ("Phần 1. Cuộc vận động là gì", [
        "Cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh” do Ủy ban Trung ương Mặt trận Tổ "
        "quốc Việt Nam phát động, nhằm để người dân cùng bàn, cùng làm và cùng hưởng thành quả.",
    ]),
    ("Phần 2. Khu dân cư tham gia thế nào", [
        "Mỗi khu dân cư họp bàn công khai việc làm đường, thắp sáng đường quê, trồng cây xanh, giữ vệ sinh môi "
        "trường. Việc đóng góp là tự nguyện, công khai, có sổ sách rõ ràng.",
        "Ban công tác Mặt trận ở khu dân cư theo dõi, giám sát công trình và báo cáo lại với bà con khi hoàn thành.",
    ]),
]

VNEID_GUIDE = [
    "Bước 1. Tải ứng dụng VNeID từ kho ứng dụng của điện thoại (CH Play hoặc App Store). Chú ý chọn đúng ứng dụng "
    "của Trung tâm dữ liệu quốc gia về dân cư, Bộ Công an.",
    "Bước 2. Mang căn cước có gắn chíp và điện thoại đang dùng số thuê bao chính chủ đến công an xã, phường nơi "
    "cư trú. Cán bộ thu nhận ảnh chân dung và vân tay.",
    "Bước 3. Khi nhận tin nhắn mã kích hoạt, mở VNeID, chọn Kích hoạt tài khoản, nhập số định danh cá nhân, số điện "
    "thoại và mã kích hoạt, rồi đặt mật khẩu gồm 8 ký tự có chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
    "Bước 4. Đặt mã bảo vệ gồm 6 chữ số. Ghi mật khẩu và mã bảo vệ ra giấy, cất ở nơi an toàn, không đưa cho ai.",
    "Bước 5. Kiểm tra trong mục Ví giấy tờ: thẻ bảo hiểm y tế, giấy phép lái xe đã được tích hợp hay chưa. Nếu "
    "chưa, tổ công nghệ số cộng đồng sẽ hướng dẫn bà con tích hợp.",
]

ONLINE_SAFETY = [
    "Điều thứ nhất: mã OTP là chìa khóa tài khoản. Không ai có quyền hỏi mã OTP của bà con, kể cả người xưng là cán "
    "bộ.",
    "Điều thứ hai: công an không làm việc qua điện thoại hay mạng xã hội, không yêu cầu chuyển tiền để “xác minh”.",
    "Điều thứ ba: không cài ứng dụng theo đường link người lạ gửi; chỉ cài từ kho ứng dụng chính thức.",
    "Điều thứ tư: quà tặng, trúng thưởng, việc nhẹ lương cao qua mạng hầu hết là bẫy lừa đảo.",
    "Điều thứ năm: khi nghi ngờ, dừng lại, hỏi người thân hoặc gọi 113. Bị lừa rồi thì báo ngay ngân hàng để khóa "
    "tài khoản và trình báo công an nơi gần nhất.",
]

FOUR_ON_SPOT = [
    "Phương châm “bốn tại chỗ” gồm: chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện và vật tư tại chỗ, hậu cần tại "
    "chỗ. Đây là cách ứng phó thiên tai nhanh nhất, vì khi bão lũ chia cắt, cứu trợ từ nơi khác đến rất chậm.",
    "Mỗi thôn, tổ dân phố có đội xung kích phòng chống thiên tai, danh sách hộ cần giúp đỡ khi sơ tán (người già "
    "sống một mình, người khuyết tật, phụ nữ mang thai) và điểm sơ tán an toàn.",
    "Mỗi gia đình chủ động dự trữ lương thực, nước uống, thuốc men; chuẩn bị áo phao, đèn pin, dây thừng.",
    "Mặt trận và các đoàn thể ở khu dân cư nắm danh sách hộ khó khăn, kết nối hỗ trợ sau thiên tai, bảo đảm hàng "
    "cứu trợ đến đúng người, công khai.",
]

ELDERLY_AID_GUIDE = [
    "Bước 1. Người cao tuổi hoặc người thân lấy tờ khai mẫu số 1a tại Ủy ban nhân dân xã, phường, hoặc tải trong "
    "thư viện này.",
    "Bước 2. Điền tờ khai, kèm bản sao căn cước. Nếu thuộc hộ nghèo, mang theo giấy chứng nhận hộ nghèo.",
    "Bước 3. Nộp hồ sơ ở bộ phận một cửa. Hội đồng xét duyệt, có đại diện Mặt trận, xem xét và niêm yết công khai "
    "kết quả tại nhà văn hóa khu dân cư.",
    "Bước 4. Khi có quyết định, trợ cấp được chi trả hằng tháng qua tài khoản ngân hàng hoặc tại điểm chi trả; bà con "
    "cũng được cấp thẻ bảo hiểm y tế miễn phí.",
]

FEEDBACK_GUIDE = [
    "Bà con có thể gửi ý kiến, kiến nghị đến Ủy ban MTTQ phường bằng ba cách: gặp trực tiếp cán bộ Mặt trận, bỏ "
    "thư vào hòm thư góp ý ở trụ sở, hoặc gửi phản ánh trên cổng thông tin này.",
    "Ý kiến nên ghi rõ sự việc, địa điểm, thời gian. Không cần viết dài, không cần đúng mẫu.",
    "Trong vòng 15 ngày làm việc, Mặt trận chuyển ý kiến đến nơi có thẩm quyền giải quyết và báo cho bà con biết "
    "ý kiến đang ở đâu. Câu trả lời công khai được đăng trên cổng để mọi người cùng theo dõi.",
]

CASHLESS = [
    "Tiền điện: mở ứng dụng ngân hàng, chọn Thanh toán hóa đơn, chọn Điện, nhập mã khách hàng in trên hóa đơn "
    "(bắt đầu bằng chữ PH ở Hải Phòng), kiểm tra số tiền rồi xác nhận.",
    "Tiền nước: làm tương tự, chọn Nước và tên công ty cấp nước của địa phương.",
    "Có thể đăng ký trích nợ tự động để hằng tháng ngân hàng tự thanh toán, không lo quên hạn.",
    "Lưu ý: nhân viên điện lực, cấp nước không gọi điện đòi chuyển tiền vào tài khoản cá nhân. Gặp trường hợp đó, "
    "hãy gọi tổng đài chăm sóc khách hàng in trên hóa đơn để kiểm tra.",
]

AUDIO_STORM = ("Kính thưa bà con. Mùa mưa bão đang đến gần. Bà con hãy chằng chống nhà cửa, chuẩn bị đèn pin, nước "
               "uống và thuốc men cho ba ngày. Khi được yêu cầu sơ tán, hãy đi ngay và giúp người già, trẻ nhỏ đi "
               "trước. Không đi qua ngầm tràn khi nước đang lên. Mọi thông tin khẩn cấp, xin gọi số 112.")
AUDIO_SCAM = ("Kính thưa bà con. Gần đây có nhiều cuộc gọi giả danh công an, ngân hàng, điện lực để lừa tiền. Xin "
              "bà con nhớ: không đọc mã OTP cho bất kỳ ai, không chuyển tiền để xác minh, không bấm đường link lạ. "
              "Khi nghi ngờ, hãy dập máy, hỏi con cháu hoặc gọi số 113.")
AUDIO_BHYT = ("Hỏi: Năm nay tôi 76 tuổi, đang hưởng trợ cấp tuất hằng tháng, có được cấp thẻ bảo hiểm y tế miễn phí "
              "không? Đáp: Có. Từ ngày 1 tháng 7 năm 2025, người từ đủ 75 tuổi trở lên đang hưởng trợ cấp tuất hằng "
              "tháng được Nhà nước đóng bảo hiểm y tế. Bác liên hệ Ủy ban nhân dân xã, phường để được lập danh sách.")

ITEMS = [
    ("guide", "Hướng dẫn kích hoạt tài khoản định danh điện tử mức 2 trên VNeID", "Tổ công nghệ số cộng đồng",
     "2025-09-10", "11311", "vneid", "VNeID, định danh điện tử, chuyển đổi số",
     "Năm bước để có tài khoản VNeID mức 2: tải ứng dụng, đến công an phường, kích hoạt, đặt mật khẩu và mã bảo vệ, "
     "kiểm tra giấy tờ đã tích hợp. Có hình thức in ra để dán ở nhà văn hóa.", ["pdf", "odt"], VNEID_GUIDE),
    ("guide", "Năm điều cần nhớ để không bị lừa đảo trên mạng", "Ủy ban MTTQ Việt Nam", "2025-10-02", "TW",
     "an-toan-tren-mang", "lừa đảo, OTP, an toàn trên mạng",
     "Năm điều ngắn gọn giúp người cao tuổi nhận ra cuộc gọi, tin nhắn lừa đảo, và việc cần làm ngay nếu lỡ bị lừa.",
     ["docx"], ONLINE_SAFETY),
    ("guide", "Phương châm “bốn tại chỗ” trong phòng, chống thiên tai", "Ban Chỉ huy phòng thủ dân sự",
     "2025-06-01", "31", "phong-chong-thien-tai", "thiên tai, bão lũ, bốn tại chỗ",
     "Chỉ huy, lực lượng, phương tiện và hậu cần tại chỗ là gì, và mỗi thôn, mỗi gia đình chuẩn bị gì để ứng phó "
     "khi bão lũ chia cắt.", ["pdf"], FOUR_ON_SPOT),
    ("guide", "Các bước đề nghị trợ cấp xã hội hằng tháng cho người cao tuổi", "Ủy ban MTTQ phường Hồng Bàng",
     "2025-08-15", "11311", "tro-giup-xa-hoi", "trợ cấp xã hội, người cao tuổi, thủ tục",
     "Bốn bước từ lấy tờ khai đến nhận trợ cấp hằng tháng, và vai trò của Mặt trận trong Hội đồng xét duyệt.",
     ["odt"], ELDERLY_AID_GUIDE),
    ("guide", "Gửi ý kiến, kiến nghị đến Ủy ban MTTQ phường như thế nào", "Ủy ban MTTQ phường Hồng Bàng",
     "2025-07-20", "11311", "mat-tran-cong-dong", "kiến nghị, phản ánh, Mặt trận",
     "Ba cách gửi ý kiến đến Mặt trận, viết thế nào cho rõ, và bao lâu thì có câu trả lời.", ["docx"],
     FEEDBACK_GUIDE),
    ("guide", "Thanh toán tiền điện, nước không dùng tiền mặt", "Tổ công nghệ số cộng đồng", "2025-10-12", "31",
     "ky-nang-so", "thanh toán không dùng tiền mặt, tiền điện, tiền nước",
     "Cách trả tiền điện, tiền nước bằng ứng dụng ngân hàng, cách đăng ký trích nợ tự động, và một lời cảnh báo "
     "về kẻ gian giả danh nhân viên điện lực.", ["docx"], CASHLESS),
    ("ebook", "Sổ tay phòng, chống thiên tai cho hộ gia đình", "Ủy ban MTTQ Việt Nam", "2025-05-20", "TW",
     "phong-chong-thien-tai", "thiên tai, sổ tay, sơ tán",
     "Sổ tay ba chương: chuẩn bị trước mùa mưa bão, việc cần làm khi có bão lũ và sau bão lũ. Đọc ngay tại đây hoặc "
     "tải về máy đọc sách để xem khi mất sóng.", ["epub", "pdf"], DISASTER_BOOK),
    ("ebook", "Cẩm nang kỹ năng số cho người cao tuổi", "Tổ công nghệ số cộng đồng", "2025-09-01", "TW",
     "ky-nang-so", "kỹ năng số, người cao tuổi, bình dân học vụ số",
     "Ba bài học ngắn: làm quen điện thoại thông minh, dùng VNeID, giữ an toàn trên mạng. Viết cho người mới bắt "
     "đầu, chữ to, mỗi bài đọc trong năm phút.", ["epub"], DIGITAL_BOOK),
    ("ebook", "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh", "Ủy ban MTTQ Việt Nam", "2024-11-18",
     "TW", "mat-tran-cong-dong", "nông thôn mới, khu dân cư, cuộc vận động",
     "Cuộc vận động là gì và khu dân cư cùng bàn, cùng làm, cùng giám sát các công trình chung ra sao.", ["epub"],
     NTM_BOOK),
    ("audio", "Nghe: chuẩn bị trước mùa mưa bão", "Đài truyền thanh phường Hồng Bàng", "2025-08-30", "11311",
     "phong-chong-thien-tai", "thiên tai, phát thanh",
     "Bản phát thanh ngắn nhắc bà con việc cần chuẩn bị trước mùa mưa bão, dành cho người không tiện đọc.",
     ["mp3+ogg"], AUDIO_STORM),
    ("audio", "Nghe: nhận biết cuộc gọi lừa đảo giả danh", "Ủy ban MTTQ Việt Nam", "2025-10-05", "TW",
     "an-toan-tren-mang", "lừa đảo, OTP, phát thanh",
     "Lời nhắc ngắn về các cuộc gọi giả danh công an, ngân hàng, điện lực, và ba việc không bao giờ làm.",
     ["mp3+ogg"], AUDIO_SCAM),
    ("audio", "Nghe: hỏi đáp bảo hiểm y tế cho người cao tuổi", "Bảo hiểm xã hội thành phố Hải Phòng", "2025-07-05",
     "31", "bao-hiem-y-te", "bảo hiểm y tế, người cao tuổi, hỏi đáp",
     "Một câu hỏi thường gặp của người cao tuổi về thẻ bảo hiểm y tế miễn phí, được trả lời ngắn gọn.", ["mp3+ogg"],
     AUDIO_BHYT),
]

CATEGORIES = [
    ("Bảo hiểm và an sinh xã hội", "bao-hiem-an-sinh", [("Bảo hiểm y tế", "bao-hiem-y-te"),
                                                          ("Trợ giúp xã hội", "tro-giup-xa-hoi")]),
    ("Đất đai, nhà ở", "dat-dai", []),
    ("Kỹ năng số", "ky-nang-so", [("Định danh điện tử VNeID", "vneid"), ("An toàn trên mạng", "an-toan-tren-mang")]),
    ("Phòng, chống thiên tai", "phong-chong-thien-tai", []),
    ("Mặt trận và cộng đồng", "mat-tran-cong-dong", []),
]
