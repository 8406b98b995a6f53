"""Demo library items, part 1: legal texts explained, and the forms that go with them.

Plain-language summaries of public laws and procedures, written for this project. Each item:
(kind, title, issuer, issued, committee, category slug, tags, summary, files, body paragraphs);
files are formats the seed makes from the body ("pdf", "epub", "docx", "odt", "mp3+ogg").
"""

BHYT_LAW = [
    "Chương I. Những điểm mới chính",
    "Điều 1. Luật số 51/2024/QH15 sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế được Quốc hội thông qua "
    "ngày 27 tháng 11 năm 2024 và có hiệu lực từ ngày 1 tháng 7 năm 2025.",
    "Điều 2. Nhóm do ngân sách nhà nước đóng được mở rộng: người từ đủ 75 tuổi trở lên đang hưởng trợ cấp tuất "
    "hằng tháng, và người từ đủ 70 tuổi đến dưới 75 tuổi thuộc hộ cận nghèo đang hưởng trợ cấp tuất hằng tháng, "
    "được Nhà nước đóng bảo hiểm y tế.",
    "Điều 3. Người bệnh mắc một số bệnh hiếm, bệnh hiểm nghèo, bệnh cần phẫu thuật hoặc kỹ thuật cao được chuyển "
    "thẳng lên cơ sở khám bệnh, chữa bệnh cấp chuyên sâu theo danh mục của Bộ Y tế, không phải xin giấy chuyển "
    "qua nhiều nơi.",
    "Điều 4. Thẻ bảo hiểm y tế có thể dùng dưới dạng điện tử: người dân xuất trình ứng dụng VNeID hoặc căn cước "
    "có gắn chíp thay cho thẻ giấy khi đi khám bệnh.",
    "Chương II. Bà con cần làm gì",
    "Điều 5. Kiểm tra thời hạn thẻ trên ứng dụng VNeID hoặc VssID; khi thẻ sắp hết hạn, liên hệ đại lý thu hoặc "
    "cơ quan bảo hiểm xã hội nơi cư trú để gia hạn, tránh bị gián đoạn quyền lợi.",
    "Điều 6. Khi đi khám, mang theo căn cước hoặc mở VNeID; nếu được chuyển tuyến, giữ lại giấy tờ do cơ sở "
    "khám bệnh cấp. Mọi thắc mắc gọi tổng đài 1900 9068 của Bảo hiểm xã hội Việt Nam.",
]

LAND_LAW = [
    "Phần 1. Ai được cấp Giấy chứng nhận",
    "Điều 1. Luật Đất đai số 31/2024/QH15 có hiệu lực từ ngày 1 tháng 8 năm 2024. Hộ gia đình, cá nhân đang sử dụng "
    "đất ổn định, không có tranh chấp, phù hợp quy hoạch thì được xem xét cấp Giấy chứng nhận quyền sử dụng đất, "
    "quyền sở hữu tài sản gắn liền với đất, kể cả khi không có giấy tờ về quyền sử dụng đất trong một số trường hợp.",
    "Điều 2. Giấy chứng nhận ghi tên đầy đủ các thành viên có chung quyền sử dụng đất của hộ gia đình nếu các "
    "thành viên có yêu cầu.",
    "Phần 2. Hồ sơ cần chuẩn bị",
    "Điều 3. Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu; giấy tờ về quyền sử dụng đất nếu có; giấy tờ "
    "về tài sản gắn liền với đất nếu đề nghị chứng nhận; chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ miễn, "
    "giảm nếu có.",
    "Điều 4. Nếu đất có nguồn gốc được giao không đúng thẩm quyền hoặc không có giấy tờ, Ủy ban nhân dân cấp xã "
    "lấy ý kiến khu dân cư về thời điểm bắt đầu sử dụng đất và niêm yết công khai kết quả trong 15 ngày.",
    "Phần 3. Nộp hồ sơ ở đâu và chờ bao lâu",
    "Điều 5. Hồ sơ nộp tại bộ phận một cửa của Ủy ban nhân dân cấp xã hoặc Văn phòng đăng ký đất đai, hoặc nộp "
    "trực tuyến trên Cổng dịch vụ công quốc gia. Cán bộ tiếp nhận phải ghi giấy biên nhận và hẹn ngày trả kết quả.",
    "Điều 6. Thời gian giải quyết thủ tục đăng ký, cấp Giấy chứng nhận lần đầu không quá 20 ngày làm việc kể từ "
    "ngày nhận đủ hồ sơ hợp lệ; ở xã miền núi, hải đảo, vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn "
    "được cộng thêm không quá 10 ngày làm việc.",
    "Điều 7. Trường hợp hồ sơ thiếu, cán bộ phải hướng dẫn bổ sung một lần, bằng văn bản. Nếu quá hẹn mà chưa có "
    "kết quả, bà con có quyền hỏi lý do và phản ánh đến Ủy ban MTTQ cấp xã để được giám sát, giúp đỡ.",
    "Phần 4. Nghĩa vụ tài chính",
    "Điều 8. Tùy nguồn gốc đất, người được cấp Giấy chứng nhận có thể phải nộp tiền sử dụng đất, lệ phí trước bạ "
    "và lệ phí cấp giấy. Hộ nghèo, người có công và đồng bào dân tộc thiểu số ở vùng khó khăn được miễn, giảm "
    "theo quy định; hãy hỏi rõ tại bộ phận một cửa trước khi nộp.",
    "Phần 5. Quyền của người sử dụng đất",
    "Điều 9. Người sử dụng đất có Giấy chứng nhận được chuyển đổi, chuyển nhượng, cho thuê, thừa kế, tặng cho, thế "
    "chấp và góp vốn bằng quyền sử dụng đất theo điều kiện luật định. Hợp đồng chuyển nhượng, tặng cho phải được "
    "công chứng hoặc chứng thực, trừ một số trường hợp luật cho phép.",
    "Điều 10. Người sử dụng đất được Nhà nước bảo hộ khi người khác xâm phạm quyền, lợi ích hợp pháp; được hưởng "
    "thành quả lao động, kết quả đầu tư trên đất; được hướng dẫn và giúp đỡ trong việc cải tạo, bồi bổ đất.",
    "Điều 11. Đất nông nghiệp giao cho hộ gia đình, cá nhân trực tiếp sản xuất có thời hạn 50 năm; khi hết thời "
    "hạn, nếu vẫn có nhu cầu thì được tiếp tục sử dụng mà không phải làm thủ tục xin gia hạn.",
    "Phần 6. Đăng ký biến động sau khi đã có Giấy chứng nhận",
    "Điều 12. Khi mua bán, tặng cho, thừa kế, đổi tên, tách thửa hay hợp thửa, người sử dụng đất phải đăng ký biến "
    "động trong thời hạn 30 ngày kể từ ngày có biến động. Hồ sơ gồm đơn theo mẫu số 11/ĐK, hợp đồng hoặc văn bản "
    "về việc chuyển quyền, và Giấy chứng nhận bản gốc.",
    "Điều 13. Việc tách thửa phải bảo đảm diện tích tối thiểu do Ủy ban nhân dân tỉnh quy định và có lối đi kết nối "
    "với đường giao thông công cộng. Bà con nên hỏi trước quy định của tỉnh mình để tránh bị trả hồ sơ.",
    "Phần 7. Thu hồi đất, bồi thường và tái định cư",
    "Điều 14. Trước khi thu hồi đất, cơ quan có thẩm quyền phải thông báo cho người có đất bị thu hồi, tổ chức họp "
    "lấy ý kiến về phương án bồi thường, hỗ trợ, tái định cư. Đại diện Mặt trận tham gia giám sát việc này.",
    "Điều 15. Người có đất bị thu hồi được bồi thường bằng đất có cùng mục đích sử dụng, hoặc bằng tiền, hoặc bằng "
    "đất khác mục đích hay nhà ở nếu địa phương có quỹ đất, quỹ nhà. Giá đất tính bồi thường là giá đất cụ thể do "
    "Ủy ban nhân dân cấp có thẩm quyền quyết định tại thời điểm phê duyệt phương án.",
    "Điều 16. Nhà ở tái định cư phải được hoàn thành trước khi thu hồi đất ở, bảo đảm điều kiện sống bằng hoặc tốt "
    "hơn nơi ở cũ. Người có đất bị thu hồi được hỗ trợ ổn định đời sống, đào tạo nghề và tìm kiếm việc làm.",
    "Phần 8. Khi có tranh chấp",
    "Điều 17. Tranh chấp đất đai trước hết được hòa giải ở cơ sở. Nếu không tự hòa giải được, các bên gửi đơn đến "
    "Ủy ban nhân dân cấp xã để hòa giải; Ủy ban MTTQ cấp xã cùng tham gia hòa giải.",
    "Điều 18. Hòa giải không thành thì tùy trường hợp, các bên khởi kiện tại Tòa án nhân dân hoặc đề nghị Ủy ban "
    "nhân dân cấp có thẩm quyền giải quyết. Bà con giữ lại mọi biên bản hòa giải, giấy biên nhận hồ sơ để làm căn "
    "cứ khi cần.",
]

SOCIAL_AID = [
    "Điều 1. Nghị định số 20/2021/NĐ-CP của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ "
    "xã hội. Từ ngày 1 tháng 7 năm 2024, mức chuẩn trợ giúp xã hội là 500.000 đồng mỗi tháng theo Nghị định số "
    "76/2024/NĐ-CP.",
    "Điều 2. Những người được trợ cấp xã hội hằng tháng gồm: trẻ em mồ côi không có nguồn nuôi dưỡng; người cao "
    "tuổi thuộc hộ nghèo không có người phụng dưỡng; người khuyết tật đặc biệt nặng và nặng; người đơn thân "
    "nghèo đang nuôi con nhỏ, cùng một số trường hợp khác.",
    "Điều 3. Mức trợ cấp bằng mức chuẩn nhân với hệ số của từng nhóm. Ví dụ, người cao tuổi từ đủ 80 tuổi trở lên "
    "thuộc hộ nghèo, không có người phụng dưỡng, có hệ số 2,0, tức là 1.000.000 đồng mỗi tháng.",
    "Điều 4. Người được trợ cấp xã hội hằng tháng được cấp thẻ bảo hiểm y tế miễn phí; khi mất, gia đình được hỗ "
    "trợ chi phí mai táng.",
    "Điều 5. Hồ sơ gồm tờ khai theo mẫu và bản sao giấy tờ liên quan, nộp cho Ủy ban nhân dân cấp xã. Hội đồng xét "
    "duyệt cấp xã, trong đó có đại diện Mặt trận Tổ quốc, xem xét và niêm yết công khai trước khi trình quyết định.",
]

FORM_TK1 = [
    "TỜ KHAI THAM GIA, ĐIỀU CHỈNH THÔNG TIN BẢO HIỂM XÃ HỘI, BẢO HIỂM Y TẾ (mẫu TK1-TS, bản để điền tay)",
    "1. Họ và tên (viết chữ in hoa có dấu): ..........................................",
    "2. Ngày, tháng, năm sinh: ...... / ...... / ............   3. Giới tính: ............",
    "4. Số định danh cá nhân (số căn cước): ..........................................",
    "5. Số điện thoại liên hệ: ..........................................",
    "6. Địa chỉ nhận kết quả: thôn, tổ dân phố ..................., xã, phường ..................., tỉnh, "
    "thành phố ...................",
    "7. Nơi đăng ký khám bệnh, chữa bệnh ban đầu: ..........................................",
    "8. Nội dung thay đổi, yêu cầu (nếu có): ..........................................",
    "Tôi cam đoan những nội dung kê khai là đúng và chịu trách nhiệm trước pháp luật về những nội dung đã kê khai.",
    "Ngày ...... tháng ...... năm ......   Người kê khai (ký, ghi rõ họ tên)",
]

FORM_LAND = [
    "ĐƠN ĐĂNG KÝ BIẾN ĐỘNG ĐẤT ĐAI, TÀI SẢN GẮN LIỀN VỚI ĐẤT (mẫu số 11/ĐK, bản để điền tay)",
    "Kính gửi: Văn phòng đăng ký đất đai / Chi nhánh Văn phòng đăng ký đất đai ...................",
    "1. Người sử dụng đất, chủ sở hữu tài sản: họ và tên ...................; số định danh cá nhân ...................",
    "2. Giấy chứng nhận đã cấp: số vào sổ ...................; số phát hành ...................; "
    "ngày cấp ...................",
    "3. Thửa đất số ...................; tờ bản đồ số ...................; địa chỉ ...................",
    "4. Nội dung biến động (chuyển nhượng, tặng cho, thừa kế, đổi tên, thay đổi diện tích...): ...................",
    "5. Lý do biến động: ...................",
    "6. Giấy tờ kèm theo: hợp đồng hoặc văn bản về việc chuyển quyền; Giấy chứng nhận bản gốc; giấy tờ khác.",
    "Tôi cam đoan nội dung kê khai trên đơn là đúng sự thật, nếu sai tôi hoàn toàn chịu trách nhiệm trước pháp luật.",
    "................, ngày ...... tháng ...... năm ......   Người viết đơn (ký, ghi rõ họ tên)",
]

FORM_AID = [
    "TỜ KHAI ĐỀ NGHỊ TRỢ GIÚP XÃ HỘI (mẫu số 1a, bản để điền tay)",
    "Phần 1. Thông tin của người đề nghị trợ giúp: họ và tên ...................; ngày sinh ...................; "
    "số định danh cá nhân ...................; nơi cư trú ...................",
    "Phần 2. Hoàn cảnh hiện nay: sống một mình / sống cùng gia đình; có hay không có người phụng dưỡng; đang hưởng "
    "hay không hưởng lương hưu, trợ cấp bảo hiểm xã hội.",
    "Phần 3. Thuộc hộ nghèo hoặc hộ cận nghèo: có / không. Tình trạng khuyết tật (nếu có): ...................",
    "Phần 4. Thông tin người nhận thay (nếu người đề nghị không tự nhận được): họ và tên ...................; "
    "quan hệ với người đề nghị ...................",
    "Tôi xin cam đoan những lời khai trên là đúng sự thật, nếu có điều gì khai không đúng tôi xin chịu trách nhiệm "
    "hoàn toàn.",
    "Xác nhận của Ủy ban nhân dân cấp xã: hồ sơ đã được Hội đồng xét duyệt xem xét ngày ...... tháng ...... năm ......",
]

FRONT_LAW = [
    "Điều 1. Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13 quy định Mặt trận là tổ chức liên minh chính trị, liên "
    "hiệp tự nguyện của các tổ chức chính trị - xã hội và các tầng lớp nhân dân.",
    "Điều 2. Giám sát là việc Mặt trận theo dõi, xem xét, đánh giá, kiến nghị đối với hoạt động của cơ quan, tổ "
    "chức, đại biểu dân cử, cán bộ, công chức trong việc thực hiện chính sách, pháp luật.",
    "Điều 3. Phản biện xã hội là việc Mặt trận nhận xét, đánh giá, nêu chính kiến, kiến nghị đối với dự thảo văn "
    "bản pháp luật, quy hoạch, kế hoạch, chương trình, dự án có liên quan đến quyền và lợi ích của nhân dân.",
    "Điều 4. Người dân có thể gửi ý kiến, kiến nghị đến Ủy ban Mặt trận Tổ quốc ở nơi mình sinh sống. Mặt trận "
    "tổng hợp và chuyển đến cơ quan có thẩm quyền, theo dõi việc giải quyết và thông báo kết quả cho người dân.",
    "Điều 5. Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng ở xã, phường do Mặt trận tổ chức, hướng "
    "dẫn, là nơi bà con trực tiếp tham gia giám sát các công trình, dự án tại địa phương.",
]

ELDERLY_LAW = [
    "Điều 1. Luật Người cao tuổi số 39/2009/QH12 quy định người cao tuổi là công dân Việt Nam từ đủ 60 tuổi trở lên.",
    "Điều 2. Người cao tuổi được bảo đảm nhu cầu cơ bản về ăn, mặc, ở, đi lại, chăm sóc sức khỏe; được ưu tiên khi "
    "khám bệnh, khi mua vé, khi làm thủ tục ở nơi công cộng.",
    "Điều 3. Con, cháu có nghĩa vụ phụng dưỡng ông bà, cha mẹ. Nhà nước, Mặt trận và các đoàn thể cùng chăm lo cho "
    "người cao tuổi không nơi nương tựa.",
    "Điều 4. Người từ đủ 80 tuổi trở lên được chúc thọ, mừng thọ vào các tuổi 70, 75, 80, 85, 90, 95 và từ 100 "
    "tuổi trở lên; người thọ 90 tuổi và 100 tuổi được Chủ tịch nước hoặc Ủy ban nhân dân tỉnh tặng quà.",
]

ITEMS = [
    ("legal", "Luật Người cao tuổi: quyền được chăm sóc và ưu tiên", "Quốc hội", "2009-11-23", "TW",
     "bao-hiem-an-sinh", "người cao tuổi, quyền lợi, chúc thọ",
     "Người cao tuổi được hưởng những quyền gì, được ưu tiên ở đâu, và ai có trách nhiệm chăm lo. Tài liệu giúp "
     "con cháu và cán bộ khu dân cư nắm rõ để hỗ trợ ông bà.", ["pdf"], ELDERLY_LAW),
    ("legal", "Luật Bảo hiểm y tế sửa đổi năm 2024: những điểm người dân cần biết", "Quốc hội", "2024-11-27",
     "TW", "bao-hiem-y-te", "bảo hiểm y tế, người cao tuổi, VNeID",
     "Từ ngày 1/7/2025, thêm nhiều người cao tuổi được Nhà nước đóng bảo hiểm y tế; người mắc bệnh nặng được "
     "chuyển thẳng lên bệnh viện chuyên sâu; có thể dùng VNeID thay thẻ giấy. Tài liệu này tóm tắt từng điểm "
     "bằng lời dễ hiểu và hướng dẫn bà con việc cần làm.", ["pdf"], BHYT_LAW),
    ("legal", "Luật Đất đai 2024: thủ tục cấp Giấy chứng nhận lần đầu", "Quốc hội", "2024-01-18", "TW", "dat-dai",
     "đất đai, sổ đỏ, giấy chứng nhận, thủ tục hành chính",
     "Ai được cấp “sổ đỏ” lần đầu, cần chuẩn bị giấy tờ gì, nộp ở đâu và chờ bao lâu. Luật mới cho phép ghi tên "
     "đủ các thành viên có chung quyền sử dụng đất, và thời gian giải quyết không quá 20 ngày làm việc.",
     ["pdf", "docx"], LAND_LAW),
    ("legal", "Chính sách trợ giúp xã hội hằng tháng: ai được hưởng, mức bao nhiêu", "Chính phủ", "2021-03-15",
     "TW", "tro-giup-xa-hoi", "trợ cấp xã hội, người cao tuổi, người khuyết tật",
     "Tóm tắt Nghị định 20/2021/NĐ-CP và mức chuẩn mới 500.000 đồng/tháng: những nhóm người được trợ cấp hằng "
     "tháng, cách tính mức trợ cấp, quyền lợi đi kèm và nơi nộp hồ sơ.", ["pdf"], SOCIAL_AID),
    ("legal", "Luật Mặt trận Tổ quốc Việt Nam: giám sát và phản biện xã hội", "Quốc hội", "2015-06-09", "TW",
     "mat-tran-cong-dong", "Mặt trận, giám sát, phản biện xã hội",
     "Mặt trận giám sát và phản biện xã hội như thế nào, và người dân có thể gửi ý kiến, kiến nghị qua Mặt trận "
     "ra sao. Tài liệu giải thích các điều chính của Luật bằng lời thường ngày.", ["pdf", "epub"], FRONT_LAW),
    ("form", "Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS)", "Bảo hiểm xã hội Việt Nam",
     "2020-03-27", "TW", "bao-hiem-y-te", "biểu mẫu, bảo hiểm y tế, bảo hiểm xã hội",
     "Mẫu tờ khai dùng khi tham gia bảo hiểm y tế theo hộ gia đình hoặc khi cần sửa thông tin trên thẻ. Có thể in "
     "ra điền tay; nếu cần, tổ công nghệ số cộng đồng sẽ giúp bà con điền.", ["docx", "odt"], FORM_TK1),
    ("form", "Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (mẫu số 11/ĐK)", "Chính phủ", "2024-07-29",
     "TW", "dat-dai", "biểu mẫu, đất đai, chuyển nhượng",
     "Mẫu đơn dùng khi mua bán, tặng cho, thừa kế hoặc thay đổi thông tin trên Giấy chứng nhận. Nộp kèm hợp đồng "
     "hoặc văn bản chuyển quyền và Giấy chứng nhận bản gốc.", ["docx"], FORM_LAND),
    ("form", "Tờ khai đề nghị trợ giúp xã hội (mẫu số 1a)", "Chính phủ", "2021-03-15", "11311", "tro-giup-xa-hoi",
     "biểu mẫu, trợ cấp xã hội",
     "Tờ khai để đề nghị trợ cấp xã hội hằng tháng cho người cao tuổi, người khuyết tật, trẻ em mồ côi. Nộp tại "
     "Ủy ban nhân dân phường; cán bộ Mặt trận phường Hồng Bàng sẵn sàng hướng dẫn.", ["odt"], FORM_AID),
]
