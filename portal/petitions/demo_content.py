"""Demo petitions (phản ánh, kiến nghị) for the portal's demo data.

Invented residents and matters, all names, phone numbers and e-mail addresses made up (phones in the
0912 000 xxx / 0987 000 xxx ranges, e-mails at example.com). Each entry is a plain dict:

- unit: the committee's code (Ủy ban MTTQ of a ward, commune, province or city, or "TW");
- category: a key of `categories.CATEGORY_NAMES`;
- title, body: what the resident typed; some bodies contain personal data on purpose (a phone
  number, an e-mail, a house address, a CCCD number) so the demo shows the automatic masking;
- name, phone, email, hide_name, consent: the sender's details and choices (consent = agrees to
  publication of the question and answer);
- state: a petition status; answer: the committee's answer for "answered"/"published", the
  reason for "rejected", otherwise "";
- days_ago: when it was sent, counted back from the day the demo is seeded. Three open
  petitions are old enough to be past their deadline.
"""

PETITIONS = [
    # 1. Phường Hồng Bàng — published
    {
        "unit": "11311",
        "category": "ha-tang",
        "title": "Đèn chiếu sáng trong ngõ 125 phố Hạ Lý hỏng hơn một tháng",
        "body": (
            "Kính gửi Ủy ban MTTQ phường. Tôi là người dân sống trong ngõ 125 phố Hạ Lý. Từ đầu tháng trước, 4 bóng "
            "đèn chiếu sáng ở đoạn giữa ngõ bị hỏng, buổi tối cả đoạn dài khoảng 80 m tối om. Ngõ nhỏ, nhiều người già "
            "và học sinh đi học thêm về muộn; tuần trước có một cháu đi xe đạp bị ngã vì không nhìn thấy rãnh nước. Tổ "
            "trưởng tổ dân phố đã báo lên nhưng đến nay vẫn chưa thấy ai đến sửa. Kính đề nghị Ủy ban MTTQ phường kiến "
            "nghị đơn vị có trách nhiệm sớm thay bóng đèn để bà con đi lại an toàn. Xin trân trọng cảm ơn."
        ),
        "name": "Nguyễn Văn Hùng",
        "phone": "0912000101",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng cảm ơn ông đã phản ánh. Ngay sau khi tiếp nhận, Ban Thường trực đã "
            "phối hợp với Ban công tác Mặt trận tổ dân phố kiểm tra thực tế và xác nhận có 4 bóng đèn trong ngõ 125 "
            "phố Hạ Lý không sáng do hỏng bộ điều khiển và dây dẫn bị chuột cắn. Ủy ban MTTQ phường đã có văn bản đề "
            "nghị UBND phường chỉ đạo đơn vị quản lý hệ thống chiếu sáng công cộng khắc phục. Đơn vị đã thay bộ điều "
            "khiển, nối lại dây và thay 4 bóng đèn LED mới trong 5 ngày; hiện toàn bộ đèn trong ngõ đã sáng bình "
            "thường. Ban công tác Mặt trận tổ dân phố sẽ tiếp tục theo dõi; nếu đèn hỏng trở lại, đề nghị ông báo ngay "
            "cho tổ trưởng tổ dân phố hoặc gửi phản ánh qua Cổng này để được xử lý kịp thời."
        ),
        "days_ago": 62,
    },
    # 2. Phường Hồng Bàng — published
    {
        "unit": "11311",
        "category": "moi-truong",
        "title": "Đề nghị cố định giờ thu gom rác trên phố Tam Bạc",
        "body": (
            "Thời gian gần đây, xe thu gom rác vào khu vực phố Tam Bạc rất thất thường, có hôm 20 giờ, có hôm gần 22 "
            "giờ mới đến. Vì không biết giờ xe đến, nhiều hộ mang rác ra để sẵn ở vỉa hè từ chiều, chó mèo bới tung, "
            "mùi hôi bốc lên ngay cạnh các hàng ăn. Những hôm trời mưa, nước rỉ từ túi rác chảy tràn ra đường. Tôi đề "
            "nghị Ủy ban MTTQ phường kiến nghị đơn vị thu gom thống nhất một khung giờ cố định và thông báo cho các hộ "
            "dân biết, đồng thời nhắc nhở những hộ để rác ra đường không đúng giờ."
        ),
        "name": "Trần Thị Lan",
        "phone": "0912000102",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng ghi nhận và cảm ơn phản ánh của bà. Qua kiểm tra, việc thu gom trên "
            "phố Tam Bạc thời gian qua bị chậm do đơn vị vệ sinh môi trường thay đổi lộ trình xe. Ủy ban MTTQ phường "
            "đã đề nghị UBND phường làm việc với đơn vị thu gom; hai bên đã thống nhất khung giờ thu gom cố định từ 18 "
            "giờ 30 đến 19 giờ 30 hằng ngày, có kẻng báo khi xe đến. Lịch mới đã được tổ dân phố thông báo trên loa "
            "truyền thanh và dán tại nhà văn hóa. Ban công tác Mặt trận tổ dân phố sẽ vận động các hộ chỉ đưa rác ra "
            "khi nghe kẻng và cùng tổ tự quản theo dõi trong hai tháng tới. Nếu xe vẫn đến không đúng giờ, đề nghị bà "
            "tiếp tục phản ánh để phường xử lý."
        ),
        "days_ago": 48,
    },
    # 3. Phường Hồng Bàng — published
    {
        "unit": "11311",
        "category": "ha-tang",
        "title": "Ngõ 8 phố Cù Chính Lan ngập sâu mỗi khi mưa to",
        "body": (
            "Khoảng hai năm nay, cứ mưa to chừng 30 phút là ngõ 8 phố Cù Chính Lan ngập 30–40 cm, nước tràn vào nhà "
            "các hộ ở cuối ngõ, phải hai, ba tiếng sau mới rút. Theo chúng tôi thấy, rãnh thoát nước trong ngõ nhỏ, "
            "nhiều đoạn bị đất cát và rác lấp kín, cửa cống ra phố lại cao hơn mặt ngõ. Người già và trẻ nhỏ đi lại "
            "rất khó khăn, xe máy chết máy giữa ngõ. Chúng tôi mong Ủy ban MTTQ phường kiến nghị nạo vét rãnh trước "
            "mùa mưa bão và có phương án cải tạo lâu dài."
        ),
        "name": "Phạm Minh Tuấn",
        "phone": "0912000103",
        "email": "phamminhtuan.hb@example.com",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng cảm ơn ông đã phản ánh. Ban Thường trực đã cùng cán bộ địa chính – "
            "xây dựng của UBND phường và đại diện tổ dân phố kiểm tra ngõ 8 phố Cù Chính Lan, xác định rãnh thoát nước "
            "bị bồi lắng dày, hai hố ga bị vỡ nắp và cửa xả ra cống chung cao hơn mặt ngõ khoảng 15 cm. Theo đề nghị "
            "của Ủy ban MTTQ phường, UBND phường đã giao đơn vị thoát nước nạo vét toàn bộ rãnh và thay nắp hố ga; "
            "việc này đã hoàn thành trong 10 ngày. Đối với việc hạ cao độ cửa xả và cải tạo rãnh, UBND phường đã đưa "
            "vào danh mục công trình sửa chữa của năm sau. Ủy ban MTTQ phường sẽ giám sát việc thực hiện và thông báo "
            "tiến độ tại hội nghị tổ dân phố."
        ),
        "days_ago": 75,
    },
    # 4. Phường Hồng Bàng — published
    {
        "unit": "11311",
        "category": "moi-truong",
        "title": "Quán karaoke hát đến khuya gây ồn ào trên phố Hoàng Văn Thụ",
        "body": (
            "Tôi xin phản ánh: nhà tôi ở số 27 ngõ 61 phố Hoàng Văn Thụ, sát vách một quán karaoke mở từ khoảng ba "
            "tháng nay. Gần như tối nào quán cũng hát đến 23 giờ, cuối tuần có hôm quá nửa đêm, loa rung cả cửa kính. "
            "Trong nhà tôi có mẹ già bị cao huyết áp và cháu nhỏ đang ôn thi, cả nhà mất ngủ triền miên. Tôi đã sang "
            "góp ý trực tiếp nhưng chủ quán chỉ vặn nhỏ được vài hôm. Đề nghị Mặt trận phường phối hợp với công an "
            "phường kiểm tra, yêu cầu quán cách âm và dừng hát sau 22 giờ."
        ),
        "name": "Lê Thị Hoa",
        "phone": "0912000104",
        "email": "",
        "hide_name": True,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng cảm ơn phản ánh của bà. Ban Thường trực đã đề nghị Công an phường "
            "phối hợp kiểm tra cơ sở karaoke trong ngõ 61 phố Hoàng Văn Thụ. Qua hai lần kiểm tra vào buổi tối, lực "
            "lượng chức năng xác định cơ sở hoạt động quá 22 giờ, phòng hát chưa được cách âm, đã lập biên bản và nhắc "
            "nhở chủ cơ sở. Chủ cơ sở đã ký cam kết kết thúc hoạt động trước 22 giờ hằng ngày và hoàn thành lắp vật "
            "liệu cách âm trong 30 ngày. Ban công tác Mặt trận tổ dân phố được giao theo dõi việc thực hiện cam kết. "
            "Nếu cơ sở tiếp tục gây ồn sau 22 giờ, đề nghị bà gọi ngay 113 hoặc báo Công an phường để lực lượng chức "
            "năng xử lý theo quy định."
        ),
        "days_ago": 40,
    },
    # 5. Phường Hồng Bàng — published
    {
        "unit": "11311",
        "category": "an-sinh",
        "title": "Mẹ tôi chưa nhận được trợ cấp xã hội hai tháng nay",
        "body": (
            "Mẹ tôi năm nay 84 tuổi, thuộc diện hưởng trợ cấp xã hội hằng tháng, trước nay vẫn nhận tiền tại bưu điện "
            "vào đầu tháng. Từ sau khi sắp xếp lại đơn vị hành chính, đã hai tháng mẹ tôi chưa được nhận khoản trợ cấp "
            "này. Tôi đã hỏi tổ trưởng tổ dân phố thì được biết đang chờ danh sách mới nhưng không rõ đến bao giờ. Mẹ "
            "tôi sống một mình, khoản tiền tuy không lớn nhưng rất cần cho việc mua thuốc. Kính đề nghị Mặt trận "
            "phường hỏi giúp và cho gia đình biết khi nào được nhận. Cần thêm thông tin xin liên hệ tôi qua số 0912 "
            "000 105."
        ),
        "name": "Vũ Thị Nga",
        "phone": "0912000105",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng cảm ơn bà đã phản ánh. Ban Thường trực đã làm việc với bộ phận văn "
            "hóa – xã hội của UBND phường và điểm chi trả tại bưu điện. Nguyên nhân là trong quá trình chuyển dữ liệu "
            "sau khi sắp xếp đơn vị hành chính, hồ sơ của một số người hưởng, trong đó có mẹ bà, bị thiếu thông tin "
            "nên chưa được đưa vào danh sách chi trả. UBND phường đã bổ sung hồ sơ và phê duyệt danh sách; khoản trợ "
            "cấp của hai tháng chưa nhận được chi trả truy lĩnh cùng kỳ chi trả tháng này. Từ tháng sau, việc chi trả "
            "thực hiện đều đặn vào đầu tháng như trước. Vì mẹ bà cao tuổi và sống một mình, Ban công tác Mặt trận tổ "
            "dân phố đã đề nghị nhân viên bưu điện chi trả tận nhà. Ủy ban MTTQ phường sẽ tiếp tục giám sát việc chi "
            "trả cho các đối tượng bảo trợ xã hội trên địa bàn."
        ),
        "days_ago": 55,
    },
    # 6. Phường Hồng Bàng — published
    {
        "unit": "11311",
        "category": "y-te",
        "title": "Hỏi về việc gia hạn thẻ bảo hiểm y tế cho người trên 80 tuổi",
        "body": (
            "Bố tôi 81 tuổi, đang hưởng trợ cấp xã hội hằng tháng và có thẻ bảo hiểm y tế do Nhà nước đóng. Thẻ cũ ghi "
            "hạn sử dụng đến hết tháng trước, đến nay gia đình vẫn chưa nhận được thẻ mới. Tuần vừa rồi bố tôi đi khám "
            "ở bệnh viện thì được hỏi lại về thẻ, gia đình rất lo nếu phải tự chi trả. Tôi xin hỏi thủ tục gia hạn thẻ "
            "cho bố tôi thế nào, có phải tự đi làm không và nộp ở đâu. Số CCCD của bố tôi là 031044000218, nếu cần tra "
            "cứu. Mong Mặt trận phường hướng dẫn giúp."
        ),
        "name": "Đỗ Văn Khải",
        "phone": "0912000106",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng cảm ơn ông đã gửi câu hỏi. Người từ đủ 80 tuổi đang hưởng trợ cấp "
            "xã hội hằng tháng thuộc nhóm được ngân sách nhà nước đóng bảo hiểm y tế; thẻ được gia hạn theo danh sách "
            "do UBND phường lập, gia đình không phải làm hồ sơ hay tự nộp tiền. Ban Thường trực đã kiểm tra với bộ "
            "phận văn hóa – xã hội của phường và cơ quan bảo hiểm xã hội: thẻ của bố ông vẫn được gia hạn liên tục, "
            "chỉ chậm in thẻ giấy. Thẻ mới đã được chuyển về tổ dân phố và tổ trưởng sẽ mang đến tận nhà trong tuần "
            "này. Trong thời gian chờ, khi đi khám, bố ông có thể xuất trình thẻ căn cước (hoặc căn cước công dân) có "
            "gắn chip, hoặc thẻ bảo hiểm y tế trên ứng dụng VNeID; cơ sở khám chữa bệnh vẫn thanh toán theo đúng chế "
            "độ."
        ),
        "days_ago": 44,
    },
    # 7. Phường Hồng Bàng — received
    {
        "unit": "11311",
        "category": "ha-tang",
        "title": "Ổ gà lớn trên đường Hà Nội gần ngã ba rẽ vào chợ",
        "body": (
            "Trên đường Hà Nội, đoạn gần ngã ba rẽ vào chợ, có một ổ gà rộng khoảng nửa mét, sâu gần 10 cm ngay sát "
            "làn xe máy. Ổ gà xuất hiện từ đợt mưa lớn hơn một tuần trước, nay ngày càng loang rộng. Buổi tối và lúc "
            "mưa nước đọng kín nên người đi đường không nhìn thấy; tôi đã chứng kiến hai người đi xe máy bị xóc mạnh, "
            "suýt ngã. Đề nghị phường báo đơn vị quản lý đường sớm vá lại, trước mắt đặt biển cảnh báo để tránh tai "
            "nạn."
        ),
        "name": "Hoàng Văn Nam",
        "phone": "0912000107",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "received",
        "answer": "",
        "days_ago": 3,
    },
    # 8. Phường Hồng Bàng — in_progress
    {
        "unit": "11311",
        "category": "giao-duc",
        "title": "Đề nghị làm gờ giảm tốc trước cổng trường tiểu học trên phố Thượng Lý",
        "body": (
            "Tôi là phụ huynh có con học lớp 2 tại trường tiểu học ở đầu phố Thượng Lý. Đoạn đường trước cổng trường "
            "thẳng và rộng nên xe máy, xe tải nhỏ thường chạy nhanh, kể cả vào giờ học sinh tan trường lúc 16 giờ 30. "
            "Các cháu nhỏ hay chạy sang đường tìm bố mẹ, rất nguy hiểm; tháng trước đã có một vụ va chạm nhẹ giữa xe "
            "máy và học sinh. Chúng tôi đề nghị làm gờ giảm tốc ở hai đầu đoạn đường trước cổng trường, kẻ vạch đi bộ, "
            "cắm biển báo khu vực trường học và bố trí người hướng dẫn học sinh qua đường vào giờ tan học."
        ),
        "name": "Bùi Thị Thu",
        "phone": "0912000108",
        "email": "buithithu.phuhuynh@example.com",
        "hide_name": False,
        "consent": True,
        "state": "in_progress",
        "answer": "",
        "days_ago": 6,
    },
    # 9. Phường Hồng Bàng — in_progress
    {
        "unit": "11311",
        "category": "can-bo",
        "title": "Phản ánh thái độ của cán bộ tiếp nhận hồ sơ tại bộ phận một cửa",
        "body": (
            "Sáng thứ Ba tuần trước, tôi đến bộ phận một cửa của phường để chứng thực bản sao giấy tờ cho con đi học. "
            "Do tôi không mang đủ bản chính, cán bộ tiếp nhận ở quầy số 3 nói to trước nhiều người, dùng lời lẽ thiếu "
            "tôn trọng và không hướng dẫn tôi cần bổ sung những gì, chỉ bảo về đi. Tôi lớn tuổi, không rành thủ tục "
            "nên rất bức xúc. Tôi không muốn làm to chuyện, chỉ mong Mặt trận phường nhắc nhở để cán bộ có thái độ "
            "đúng mực, hướng dẫn người dân tận tình hơn, và niêm yết rõ danh mục giấy tờ cần mang theo cho từng thủ "
            "tục."
        ),
        "name": "Ngô Văn Lực",
        "phone": "0912000109",
        "email": "",
        "hide_name": True,
        "consent": False,
        "state": "in_progress",
        "answer": "",
        "days_ago": 31,
    },
    # 10. Phường Hồng Bàng — published
    {
        "unit": "11311",
        "category": "khac",
        "title": "Cách đăng ký tài khoản định danh điện tử mức 2 cho bố mẹ cao tuổi",
        "body": (
            "Bố mẹ tôi đều ngoài 70 tuổi, có điện thoại thông minh nhưng dùng chưa thạo. Nay nhiều việc như khám bệnh "
            "bằng bảo hiểm y tế, làm giấy tờ đều khuyến khích dùng ứng dụng VNeID, tôi muốn đăng ký tài khoản định "
            "danh điện tử mức 2 cho hai cụ nhưng tôi đi làm xa, không về thường xuyên được. Xin hỏi cần mang giấy tờ "
            "gì, đăng ký ở đâu, có phải xếp hàng lâu không, và phường có nhóm nào hỗ trợ người già cài đặt, sử dụng "
            "ứng dụng không? Xin cảm ơn."
        ),
        "name": "Đặng Thị Mai",
        "phone": "0912000110",
        "email": "dangthimai.hp@example.com",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng cảm ơn bà đã quan tâm. Để đăng ký tài khoản định danh điện tử mức "
            "2, bố mẹ bà mang thẻ căn cước (hoặc căn cước công dân gắn chip) và điện thoại có số thuê bao chính chủ "
            "đến Công an phường; cán bộ sẽ thu nhận ảnh chân dung, vân tay và hướng dẫn kích hoạt, thường chỉ mất "
            "khoảng 15 phút mỗi người. Với người cao tuổi đi lại khó khăn, gia đình có thể đăng ký qua tổ trưởng tổ "
            "dân phố để Công an phường bố trí thu nhận tại nhà. Hưởng ứng phong trào “Bình dân học vụ số”, Tổ công "
            "nghệ số cộng đồng của phường hỗ trợ miễn phí vào sáng thứ Bảy và Chủ nhật hằng tuần tại nhà văn hóa tổ "
            "dân phố: cài đặt VNeID, kích hoạt tài khoản và hướng dẫn các tính năng thường dùng. Ban công tác Mặt trận "
            "tổ dân phố đã ghi tên hai cụ vào danh sách hỗ trợ trong tuần này."
        ),
        "days_ago": 35,
    },
    # 11. Phường Hồng Bàng — received
    {
        "unit": "11311",
        "category": "an-sinh",
        "title": "Hồ sơ hưởng trợ cấp cho con tôi bị khuyết tật nặng chưa có kết quả",
        "body": (
            "Con trai tôi 9 tuổi, đã được Hội đồng xác định mức độ khuyết tật của phường kết luận là khuyết tật nặng. "
            "Gia đình đã nộp hồ sơ đề nghị hưởng trợ cấp xã hội hằng tháng tại bộ phận một cửa của phường từ hơn hai "
            "tháng trước nhưng đến nay chưa có quyết định; mỗi lần tôi hỏi đều được trả lời là đang chờ. Hoàn cảnh gia "
            "đình khó khăn, tôi phải nghỉ việc để chăm cháu. Kính đề nghị Mặt trận phường tìm hiểu giúp hồ sơ đang "
            "vướng ở khâu nào và khi nào có kết quả. Số điện thoại của tôi: 0987 000 211, mong được liên hệ lại."
        ),
        "name": "Phan Thị Hằng",
        "phone": "0987000211",
        "email": "",
        "hide_name": True,
        "consent": False,
        "state": "received",
        "answer": "",
        "days_ago": 27,
    },
    # 12. Phường Hồng Bàng — merged
    {
        "unit": "11311",
        "category": "moi-truong",
        "title": "Tiếng hát karaoke sau 22 giờ trong ngõ 61 phố Hoàng Văn Thụ",
        "body": (
            "Tôi ở cùng ngõ 61 phố Hoàng Văn Thụ, xin phản ánh quán karaoke trong ngõ thường xuyên hát đến gần nửa "
            "đêm, nhất là tối thứ Sáu và thứ Bảy. Tiếng loa vọng khắp ngõ, trẻ con không ngủ được, người già thì mệt "
            "mỏi. Khách ra về còn nổ máy, nói chuyện ầm ĩ ở đầu ngõ. Mong phường kiểm tra và có biện pháp để bà con "
            "được nghỉ ngơi sau 22 giờ."
        ),
        "name": "Đinh Văn Bình",
        "phone": "0912000112",
        "email": "",
        "hide_name": True,
        "consent": True,
        "state": "merged",
        "answer": "",
        "days_ago": 38,
    },
    # 13. Phường Hồng Bàng — rejected
    {
        "unit": "11311",
        "category": "dat-dai",
        "title": "Đề nghị xem xét lại bản án về tranh chấp đất đai của gia đình tôi",
        "body": (
            "Gia đình tôi có tranh chấp quyền sử dụng mảnh đất khoảng 40 m² với người em họ. Vụ việc đã được Tòa án "
            "nhân dân xét xử sơ thẩm và phúc thẩm; bản án phúc thẩm có hiệu lực từ năm ngoái, theo đó gia đình tôi "
            "phải trả lại một phần diện tích. Tôi thấy bản án chưa khách quan vì chưa xem xét đủ giấy tờ mua bán từ "
            "thời bố mẹ tôi. Tôi đề nghị Ủy ban MTTQ phường xem xét lại, hủy bản án này và trả lại đất cho gia đình "
            "tôi."
        ),
        "name": "Lương Văn Sơn",
        "phone": "0912000113",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "rejected",
        "answer": (
            "Việc xem xét lại, hủy bản án đã có hiệu lực pháp luật của Tòa án không thuộc thẩm quyền của Ủy ban MTTQ "
            "Việt Nam phường. Đề nghị ông gửi đơn đề nghị xem xét theo thủ tục giám đốc thẩm đến Tòa án nhân dân hoặc "
            "Viện kiểm sát nhân dân có thẩm quyền; Ban Thường trực sẵn sàng hướng dẫn ông cách viết đơn nếu cần."
        ),
        "days_ago": 22,
    },
    # 14. Phường Hồng Bàng — answered
    {
        "unit": "11311",
        "category": "ha-tang",
        "title": "Nước sinh hoạt thường xuyên mất vào buổi tối ở khu vực phố Minh Khai",
        "body": (
            "Khoảng một tháng nay, khu vực chúng tôi ở trên phố Minh Khai thường xuyên mất nước hoặc nước chảy rất yếu "
            "từ 18 giờ đến 21 giờ, đúng lúc các gia đình nấu ăn, tắm giặt. Nhiều hôm nước còn đục, phải để lắng mới "
            "dùng được. Gia đình tôi (địa chỉ: số 9 ngõ 14 phố Minh Khai) đã phải mua thêm bồn chứa và máy bơm nhưng "
            "vẫn không đủ. Tôi đã gọi tổng đài của công ty cấp nước nhưng chỉ được hẹn sẽ kiểm tra. Kính đề nghị Mặt "
            "trận phường kiến nghị công ty cấp nước sớm tìm nguyên nhân và khắc phục."
        ),
        "name": "Trịnh Quang Huy",
        "phone": "0912000114",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "answered",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Hồng Bàng cảm ơn ông đã phản ánh. Ban Thường trực đã gửi văn bản và cùng đại "
            "diện công ty cấp nước kiểm tra mạng lưới cấp nước khu vực phố Minh Khai. Nguyên nhân là đoạn ống phân "
            "phối cũ, đường kính nhỏ, lắp đặt từ nhiều năm trước, trong khi số hộ dùng nước tăng nhanh nên áp lực nước "
            "giảm mạnh vào giờ cao điểm buổi tối; nước đục do cặn bám trong lòng ống cũ. Công ty cấp nước đã tăng áp "
            "lực tại trạm bơm trong giờ cao điểm và súc xả đường ống; đồng thời cam kết thay mới khoảng 300 m ống phân "
            "phối trong vòng 20 ngày tới, có thông báo lịch tạm ngừng cấp nước trước ít nhất hai ngày. Ủy ban MTTQ "
            "phường sẽ giám sát tiến độ và thông báo kết quả qua tổ dân phố."
        ),
        "days_ago": 18,
    },
    # 15. Phường Ngô Quyền — published
    {
        "unit": "11341",
        "category": "ha-tang",
        "title": "Nắp hố ga bị vỡ trên vỉa hè phố Lạch Tray, nguy hiểm cho người đi bộ",
        "body": (
            "Kính gửi Ủy ban MTTQ phường Ngô Quyền. Nhà tôi ở số 15 ngõ 42 phố Lạch Tray. Ngay đầu ngõ, trên vỉa hè "
            "phố Lạch Tray có một nắp hố ga bằng bê tông bị vỡ một nửa từ khoảng hai tuần nay, lỗ hổng đủ lọt chân "
            "người lớn. Người dân đã tự lấy cành cây và thùng xốp đánh dấu nhưng buổi tối rất khó nhìn thấy; hôm trước "
            "một bác đi tập thể dục sớm đã bị trượt chân. Đề nghị phường yêu cầu đơn vị quản lý thoát nước thay nắp "
            "mới ngay. Nếu cần chỉ vị trí, xin liên hệ tôi qua số 0912 000 115."
        ),
        "name": "Mai Thị Thanh",
        "phone": "0912000115",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Ngô Quyền cảm ơn bà đã kịp thời phản ánh. Ngay trong ngày tiếp nhận, Ban "
            "Thường trực đã cùng cán bộ UBND phường kiểm tra vị trí đầu ngõ 42 phố Lạch Tray, xác nhận nắp hố ga bị "
            "vỡ, có nguy cơ gây tai nạn. Ủy ban MTTQ phường đã đề nghị UBND phường yêu cầu đơn vị quản lý hệ thống "
            "thoát nước khắc phục khẩn cấp. Đơn vị đã đặt rào chắn, biển cảnh báo ngay trong buổi chiều và thay nắp hố "
            "ga bằng gang mới sau 2 ngày. UBND phường cũng đã giao các tổ dân phố rà soát nắp hố ga trên các tuyến phố "
            "chính để kịp thời thay thế những nắp hư hỏng. Ủy ban MTTQ phường đề nghị bà và bà con tiếp tục phát hiện, "
            "phản ánh các điểm mất an toàn qua Cổng này."
        ),
        "days_ago": 58,
    },
    # 16. Phường Ngô Quyền — in_progress
    {
        "unit": "11341",
        "category": "khac",
        "title": "Chợ cóc họp tràn xuống lòng đường phố Lê Lai vào buổi sáng",
        "body": (
            "Khoảng từ 6 giờ đến 8 giờ sáng hằng ngày, các hàng rau, cá, hoa quả bày kín vỉa hè và lấn ra gần nửa lòng "
            "đường ở đoạn đầu phố Lê Lai, gần ngã tư. Đây lại là giờ cao điểm đưa con đi học, đi làm nên thường xuyên "
            "ùn tắc, xe máy phải len lỏi giữa các sạp hàng. Sau buổi chợ, rác và nước thải để lại trên đường rất mất "
            "vệ sinh. Tôi hiểu bà con cần buôn bán kiếm sống, nhưng đề nghị phường bố trí chỗ bán hợp lý, không để lấn "
            "chiếm lòng đường và yêu cầu các hộ dọn vệ sinh sau khi tan chợ."
        ),
        "name": "Tô Văn Hải",
        "phone": "0912000116",
        "email": "",
        "hide_name": True,
        "consent": True,
        "state": "in_progress",
        "answer": "",
        "days_ago": 5,
    },
    # 17. Phường Ngô Quyền — answered
    {
        "unit": "11341",
        "category": "giao-duc",
        "title": "Phản ánh việc giáo viên vận động học sinh đi học thêm có thu tiền",
        "body": (
            "Con tôi học lớp 7 tại một trường trung học cơ sở trên địa bàn phường. Từ đầu học kỳ, cô giáo chủ nhiệm, "
            "cũng là giáo viên dạy Toán của lớp, mở lớp dạy thêm tại nhà với học phí 600.000 đồng/tháng và nhiều lần "
            "nhắc trên lớp rằng học sinh nào không đi học thêm sẽ khó theo kịp bài kiểm tra. Phần lớn phụ huynh thấy "
            "áp lực nên đành cho con đi. Tôi được biết quy định mới không cho giáo viên dạy thêm có thu tiền đối với "
            "học sinh mình đang dạy chính khóa. Đề nghị Mặt trận phường kiến nghị kiểm tra. Tôi xin được giữ kín thông "
            "tin cá nhân."
        ),
        "name": "Nguyễn Thị Hạnh",
        "phone": "0912000117",
        "email": "nguyenthihanh.nq@example.com",
        "hide_name": True,
        "consent": True,
        "state": "answered",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Ngô Quyền cảm ơn bà đã phản ánh. Theo Thông tư số 29/2024/TT-BGDĐT của Bộ "
            "Giáo dục và Đào tạo, giáo viên đang dạy tại nhà trường không được dạy thêm ngoài nhà trường có thu tiền "
            "đối với học sinh mà mình được phân công giảng dạy chính khóa. Ủy ban MTTQ phường đã chuyển nội dung phản "
            "ánh, không kèm thông tin người gửi, đến UBND phường để chỉ đạo kiểm tra. Qua làm việc, Ban Giám hiệu nhà "
            "trường xác nhận có việc giáo viên tổ chức dạy thêm cho học sinh lớp mình chủ nhiệm, đã yêu cầu giáo viên "
            "dừng ngay lớp học, hoàn trả học phí đã thu của tháng này và tổ chức kiểm điểm theo quy định. Nhà trường "
            "sẽ bố trí các buổi ôn tập miễn phí trong trường cho học sinh có nhu cầu. UBND phường sẽ kiểm tra đột xuất "
            "việc dạy thêm, học thêm trên địa bàn trong học kỳ này."
        ),
        "days_ago": 14,
    },
    # 18. Phường Lê Chân — in_progress
    {
        "unit": "11383",
        "category": "dat-dai",
        "title": "Nhà hàng xóm xây tường rào lấn sang phần đất của gia đình tôi",
        "body": (
            "Gia đình tôi ở trong một ngõ trên đường Dư Hàng. Tháng trước, hộ liền kề phá tường rào cũ để xây lại "
            "tường mới, nhưng theo gia đình tôi đo thì bức tường mới lấn sang phần đất nhà tôi khoảng 30 cm, chạy dài "
            "hơn 8 m. Tôi đã mang giấy chứng nhận quyền sử dụng đất sang trao đổi nhưng hai bên chưa thống nhất, không "
            "khí giữa hai nhà rất căng thẳng. Gia đình tôi mong tổ hòa giải và cán bộ địa chính phường xuống đo đạc, "
            "hòa giải để giữ tình làng nghĩa xóm, tránh phải kiện tụng. Xin liên hệ tôi theo số 0912 000 118."
        ),
        "name": "Trần Văn Dũng",
        "phone": "0912000118",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "in_progress",
        "answer": "",
        "days_ago": 9,
    },
    # 19. Phường Lê Chân — received
    {
        "unit": "11383",
        "category": "moi-truong",
        "title": "Chó thả rông, không đeo rọ mõm trong khu dân cư trên đường Hồ Sen",
        "body": (
            "Khoảng hai tháng nay, trong khu dân cư chúng tôi ở trên đường Hồ Sen có ít nhất 5–6 con chó được thả rông "
            "cả ngày, không đeo rọ mõm, không có người đi kèm. Chó thường tụ tập ở sân chơi chung, đuổi sủa trẻ con và "
            "người đi xe đạp; tuần trước một cháu 6 tuổi đã bị cắn vào chân, phải đi tiêm phòng dại. Chó còn phóng uế "
            "khắp lối đi. Chúng tôi đã nhắc các chủ nuôi nhưng không có chuyển biến. Đề nghị phường kiểm tra, yêu cầu "
            "các hộ nuôi chó xích nhốt, đeo rọ mõm khi ra đường, tiêm phòng đầy đủ và xử lý các trường hợp cố tình vi "
            "phạm."
        ),
        "name": "Phạm Thị Yến",
        "phone": "0912000119",
        "email": "",
        "hide_name": True,
        "consent": True,
        "state": "received",
        "answer": "",
        "days_ago": 5,
    },
    # 20. Phường Lê Chân — withdrawn
    {
        "unit": "11383",
        "category": "y-te",
        "title": "Trạm y tế phường đông người chờ tiêm chủng, phải đợi cả buổi sáng",
        "body": (
            "Buổi tiêm chủng mở rộng tháng này tại trạm y tế phường rất đông, tôi đưa con 4 tháng tuổi đến từ 7 giờ "
            "nhưng đến gần 11 giờ mới được tiêm. Phòng chờ chật, trẻ nhỏ khóc nhiều, không có số thứ tự nên có người "
            "đến sau lại vào trước. Đề nghị trạm y tế chia lịch tiêm theo tổ dân phố hoặc phát số thứ tự, nhắn tin hẹn "
            "giờ để các gia đình không phải chờ lâu."
        ),
        "name": "Vũ Thị Hồng Nhung",
        "phone": "0912000120",
        "email": "",
        "hide_name": True,
        "consent": False,
        "state": "withdrawn",
        "answer": "",
        "days_ago": 20,
    },
    # 21. TP Hải Phòng — answered
    {
        "unit": "31",
        "category": "ha-tang",
        "title": "Mất điện nhiều lần vào buổi tối trong những ngày nắng nóng ở khu dân cư cũ",
        "body": (
            "Những ngày nắng nóng vừa qua, khu vực tôi sinh sống và một số khu dân cư cũ lân cận trong nội thành "
            "thường xuyên bị mất điện vào buổi tối, mỗi lần từ một đến hai tiếng; có tuần mất điện ba, bốn lần mà "
            "không có thông báo trước. Người già, trẻ nhỏ mệt mỏi vì nóng, thực phẩm trong tủ lạnh bị hỏng, các hộ "
            "kinh doanh nhỏ cũng bị ảnh hưởng. Tôi được biết nguyên nhân là trạm biến áp bị quá tải. Kính đề nghị Ủy "
            "ban MTTQ thành phố kiến nghị ngành điện có giải pháp nâng cấp lưới điện và thông báo trước lịch cắt điện "
            "để người dân chủ động."
        ),
        "name": "Lê Văn Thành",
        "phone": "0987000221",
        "email": "levanthanh.hp@example.com",
        "hide_name": False,
        "consent": True,
        "state": "answered",
        "answer": (
            "Ủy ban MTTQ Việt Nam thành phố Hải Phòng cảm ơn ông đã phản ánh. Ban Thường trực đã tổng hợp phản ánh này "
            "cùng các ý kiến tương tự của cử tri và gửi văn bản đề nghị đơn vị điện lực của thành phố kiểm tra, có "
            "giải pháp khắc phục. Theo báo cáo của ngành điện, nguyên nhân là một số trạm biến áp phân phối ở các khu "
            "dân cư cũ bị quá tải khi nhu cầu dùng điện tăng cao trong những ngày nắng nóng. Đơn vị điện lực đã lắp bổ "
            "sung 3 trạm biến áp, thay máy biến áp công suất lớn hơn tại các điểm thường xuyên quá tải và cam kết hoàn "
            "thành trong vòng một tháng; lịch tạm ngừng cấp điện để thi công sẽ được thông báo trước ít nhất 5 ngày "
            "trên loa truyền thanh và tin nhắn. Ủy ban MTTQ thành phố sẽ giám sát việc thực hiện cam kết và thông tin "
            "kết quả tới Nhân dân."
        ),
        "days_ago": 20,
    },
    # 22. TP Hải Phòng — transferred
    {
        "unit": "31",
        "category": "an-sinh",
        "title": "Đề nghị xem xét hỗ trợ sửa nhà dột nát cho hộ cận nghèo ở phường Lê Chân",
        "body": (
            "Gia đình tôi là hộ cận nghèo ở phường Lê Chân. Căn nhà cấp bốn xây từ lâu nay đã xuống cấp, mái ngói vỡ "
            "nhiều chỗ, mỗi lần mưa phải lấy chậu hứng nước. Tôi nghe nói Mặt trận có chương trình hỗ trợ xóa nhà tạm, "
            "nhà dột nát cho hộ khó khăn. Tôi xin hỏi gia đình tôi có đủ điều kiện không và cần làm thủ tục gì. Vì "
            "không rõ gửi cấp nào nên tôi gửi lên thành phố, mong được chuyển đến nơi có trách nhiệm."
        ),
        "name": "Đoàn Thị Nụ",
        "phone": "0987000222",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "transferred",
        "answer": "",
        "days_ago": 12,
    },
    # 23. TP Hải Phòng — rejected
    {
        "unit": "31",
        "category": "can-bo",
        "title": "Cán bộ làm việc quá kém, tôi không còn tin tưởng gì nữa",
        "body": (
            "Tôi nói thẳng là cán bộ bây giờ làm việc chẳng ra sao, hỏi gì cũng đùn đẩy, ngồi phòng máy lạnh mà không "
            "biết dân khổ thế nào. Gửi bao nhiêu lần cũng chỉ nhận được mấy câu trả lời cho có. Các ông các bà nên tự "
            "xem lại mình đi, làm không được thì nghỉ cho người khác làm. Tôi viết cho hả giận, cũng chẳng mong ai trả "
            "lời."
        ),
        "name": "Nguyễn Văn Quý",
        "phone": "0987000223",
        "email": "",
        "hide_name": True,
        "consent": False,
        "state": "rejected",
        "answer": (
            "Nội dung không nêu sự việc, thời gian, địa điểm hay cán bộ cụ thể và có lời lẽ thiếu tôn trọng, nên không "
            "đủ căn cứ để xem xét. Đề nghị ông gửi lại phản ánh nêu rõ sự việc cụ thể để Ủy ban MTTQ Việt Nam thành "
            "phố tiếp nhận, xử lý theo quy định."
        ),
        "days_ago": 15,
    },
    # 24. Phường Cửa Lò — published
    {
        "unit": "16732",
        "category": "moi-truong",
        "title": "Rác thải tồn đọng trên bãi biển sau các ngày cuối tuần",
        "body": (
            "Tôi sống ở phường Cửa Lò, sáng nào cũng ra biển tập thể dục. Sau mỗi dịp cuối tuần hay ngày lễ, đoạn bãi "
            "biển gần các ki-ốt ăn uống đầy vỏ chai nhựa, túi ni lông, hộp xốp, có khi hai, ba ngày sau mới được dọn. "
            "Thùng rác dọc bãi biển ít và thường đầy tràn. Cảnh quan mất đẹp, ảnh hưởng đến hình ảnh du lịch của quê "
            "mình. Tôi đề nghị tăng số lần thu gom vào sáng sớm thứ Hai, đặt thêm thùng rác có nắp và nhắc các ki-ốt "
            "chịu trách nhiệm thu dọn khu vực mình kinh doanh."
        ),
        "name": "Hồ Văn Lợi",
        "phone": "0987000224",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam phường Cửa Lò trân trọng cảm ơn ông đã quan tâm đến môi trường biển. Sau khi tiếp "
            "nhận, Ban Thường trực đã cùng UBND phường và Ban quản lý bãi biển kiểm tra, ghi nhận tình trạng rác tồn "
            "đọng sau những ngày đông khách. UBND phường đã yêu cầu đơn vị vệ sinh môi trường bổ sung một ca thu gom "
            "từ 5 giờ đến 7 giờ sáng các ngày thứ Hai và ngày sau dịp lễ, đặt thêm 40 thùng rác có nắp dọc bãi biển "
            "trong tháng này. Các hộ kinh doanh ki-ốt đã ký cam kết tự thu dọn rác trong phạm vi 10 m quanh điểm kinh "
            "doanh. Ủy ban MTTQ phường phối hợp với Đoàn Thanh niên duy trì hoạt động “Chủ nhật xanh” dọn vệ sinh bãi "
            "biển hằng tuần và vận động du khách, người dân hạn chế dùng đồ nhựa dùng một lần."
        ),
        "days_ago": 50,
    },
    # 25. Phường Cửa Lò — received
    {
        "unit": "16732",
        "category": "ha-tang",
        "title": "Đường bê tông trong khối 5 bị sụt lún, đọng nước sau mưa",
        "body": (
            "Tuyến đường bê tông chính trong khối 5, đoạn từ nhà văn hóa khối ra đường ven biển, dài khoảng 150 m, đã "
            "bị nứt vỡ và sụt lún nhiều chỗ. Sau mỗi trận mưa, nước đọng thành vũng lớn, có chỗ ngập đến mắt cá chân; "
            "xe máy đi qua bắn nước lên người đi bộ, học sinh đi học bị ướt hết quần áo. Đề nghị phường khảo sát và "
            "đưa tuyến đường này vào kế hoạch sửa chữa; bà con trong khối sẵn sàng góp ngày công."
        ),
        "name": "Phan Văn Tùng",
        "phone": "0987000225",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "received",
        "answer": "",
        "days_ago": 2,
    },
    # 26. Phường Cửa Lò — in_progress
    {
        "unit": "16732",
        "category": "y-te",
        "title": "Trạm y tế thiếu thuốc điều trị tiểu đường cho người cao tuổi",
        "body": (
            "Tôi 68 tuổi, mắc bệnh tiểu đường và cao huyết áp, được quản lý bệnh mạn tính tại trạm y tế phường. Khoảng "
            "ba tháng nay, mỗi lần lên lĩnh thuốc bảo hiểm y tế, trạm thường chỉ cấp được thuốc huyết áp, còn thuốc "
            "tiểu đường phải tự mua ngoài hoặc lên bệnh viện tuyến trên, mất nhiều thời gian và tốn kém. Nhiều người "
            "già trong khối cũng gặp tình trạng tương tự. Đề nghị Mặt trận phường kiến nghị cơ quan y tế bảo đảm đủ "
            "thuốc cho trạm. Nếu cần thêm thông tin, xin gọi số 0987 000 226 hoặc gửi thư đến "
            "hoangthilien.cl@example.com."
        ),
        "name": "Hoàng Thị Liên",
        "phone": "0987000226",
        "email": "hoangthilien.cl@example.com",
        "hide_name": True,
        "consent": True,
        "state": "in_progress",
        "answer": "",
        "days_ago": 26,
    },
    # 27. Xã Diễn Châu — published
    {
        "unit": "17464",
        "category": "moi-truong",
        "title": "Khói đốt rơm rạ sau thu hoạch bao trùm khu dân cư",
        "body": (
            "Mỗi vụ gặt xong, nhiều hộ ở các xóm ven cánh đồng phía tây xã đốt rơm rạ ngay trên ruộng vào chiều tối. "
            "Khói dày đặc bay vào khu dân cư, cay mắt, khó thở, người già và trẻ nhỏ bị ho kéo dài; có hôm khói tràn "
            "ra Quốc lộ 1 làm hạn chế tầm nhìn, rất nguy hiểm cho người đi đường. Tôi đề nghị xã tuyên truyền, hướng "
            "dẫn bà con thu gom rơm để làm thức ăn cho trâu bò, trồng nấm hoặc ủ phân, không đốt ngoài đồng."
        ),
        "name": "Thái Thị Dung",
        "phone": "0987000227",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam xã Diễn Châu cảm ơn bà đã phản ánh. Ban Thường trực đã phối hợp với UBND xã và Hội "
            "Nông dân xã kiểm tra, xác nhận tình trạng đốt rơm rạ tại các xóm ven cánh đồng phía tây gây ô nhiễm khói "
            "bụi. UBND xã đã ban hành thông báo không đốt rơm rạ ngoài đồng, phát trên hệ thống loa truyền thanh hằng "
            "ngày trong mùa thu hoạch. Hội Nông dân xã tổ chức tập huấn ủ rơm bằng chế phẩm vi sinh làm phân bón, hỗ "
            "trợ chế phẩm miễn phí cho các hộ đăng ký và kết nối các hộ chăn nuôi bò, trồng nấm đến thu mua rơm tại "
            "ruộng. Ban công tác Mặt trận các xóm sẽ đến từng hộ vận động và đưa nội dung này vào quy ước của xóm. Các "
            "trường hợp cố tình đốt gây ảnh hưởng đến giao thông sẽ bị lập biên bản, xử lý theo quy định."
        ),
        "days_ago": 70,
    },
    # 28. Xã Diễn Châu — merged
    {
        "unit": "17464",
        "category": "moi-truong",
        "title": "Đốt rơm ngoài đồng gây khói mù mịt vào buổi tối",
        "body": (
            "Mấy hôm nay cứ chiều tối là khói đốt rơm từ cánh đồng bay vào xóm, nhà nào cũng phải đóng kín cửa mà vẫn "
            "ngửi thấy mùi khét. Cháu nhỏ nhà tôi bị hen suyễn lên cơn, phải đưa đi trạm y tế. Đề nghị xã có biện pháp "
            "để bà con không đốt rơm ngoài đồng nữa."
        ),
        "name": "Cao Thị Quế",
        "phone": "0987000228",
        "email": "",
        "hide_name": True,
        "consent": False,
        "state": "merged",
        "answer": "",
        "days_ago": 68,
    },
    # 29. Xã Diễn Châu — answered
    {
        "unit": "17464",
        "category": "an-sinh",
        "title": "Chậm chi trả trợ cấp cho người khuyết tật đặc biệt nặng sau khi chuyển nơi cư trú",
        "body": (
            "Em gái tôi là người khuyết tật đặc biệt nặng, trước đây hưởng trợ cấp xã hội hằng tháng ở một huyện khác. "
            "Đầu năm nay gia đình đón em về sống cùng, đã làm thủ tục chuyển nơi cư trú và nộp hồ sơ đề nghị tiếp tục "
            "hưởng trợ cấp tại xã Diễn Châu. Đến nay đã hơn ba tháng, em tôi chưa nhận được đồng trợ cấp nào ở cả nơi "
            "cũ lẫn nơi mới. Gia đình đã hỏi nhiều lần nhưng mỗi nơi trả lời một kiểu. Kính đề nghị Mặt trận xã làm rõ "
            "giúp và sớm giải quyết cho em tôi."
        ),
        "name": "Trần Đình Thắng",
        "phone": "0987000229",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "answered",
        "answer": (
            "Ủy ban MTTQ Việt Nam xã Diễn Châu cảm ơn ông đã phản ánh. Ban Thường trực đã làm việc với bộ phận văn hóa "
            "– xã hội của UBND xã và liên hệ với địa phương nơi em gái ông cư trú trước đây. Nguyên nhân chậm chi trả "
            "là nơi cũ đã dừng trợ cấp khi gia đình chuyển đi, nhưng văn bản thông báo dừng chi trả và hồ sơ kèm theo "
            "chưa được gửi về xã nên xã chưa thể ra quyết định. Hiện hồ sơ đã được bổ sung đầy đủ; UBND xã đã ký quyết "
            "định cho em gái ông hưởng trợ cấp xã hội hằng tháng kể từ tháng liền sau tháng dừng hưởng ở nơi cũ, nên "
            "quyền lợi không bị gián đoạn. Toàn bộ số tiền chưa nhận sẽ được truy lĩnh trong kỳ chi trả tới, dự kiến "
            "trong vòng 10 ngày. Ban công tác Mặt trận xóm sẽ báo gia đình lịch nhận cụ thể."
        ),
        "days_ago": 24,
    },
    # 30. Tỉnh Nghệ An — transferred
    {
        "unit": "40",
        "category": "ha-tang",
        "title": "Xóm tôi ở xã Diễn Châu chưa có nước sạch, mùa khô giếng cạn",
        "body": (
            "Xóm tôi ở phía trong của xã Diễn Châu, khoảng 70 hộ, đến nay vẫn dùng nước giếng khoan và giếng đào. Nước "
            "giếng nhiễm phèn, có mùi tanh, phải lọc qua nhiều lớp mới dùng được; mùa khô nhiều giếng cạn, bà con phải "
            "đi xin nước hoặc mua nước bình. Đường ống nước sạch đã kéo về đến các xóm bên cạnh nhưng chưa đến xóm "
            "tôi. Tôi gửi lên Mặt trận tỉnh mong được quan tâm, kiến nghị kéo đường ống nước sạch về cho bà con."
        ),
        "name": "Võ Văn Lâm",
        "phone": "0987000230",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "transferred",
        "answer": "",
        "days_ago": 16,
    },
    # 31. Tỉnh Nghệ An — received
    {
        "unit": "40",
        "category": "giao-duc",
        "title": "Kiến nghị về các khoản thu, vận động đóng góp đầu năm học",
        "body": (
            "Đầu năm học, ngoài bảo hiểm y tế học sinh, phụ huynh chúng tôi còn được thông báo nhiều khoản khác như "
            "quỹ hội phụ huynh, tiền mua máy chiếu, rèm cửa, tiền vệ sinh, tiền nước uống, tiền học kỹ năng… cộng lại "
            "gần 3 triệu đồng mỗi học sinh. Nhiều gia đình ở nông thôn rất vất vả. Có khoản ghi là tự nguyện nhưng lại "
            "chia đều mức cụ thể cho từng em. Kính đề nghị Ủy ban MTTQ tỉnh kiến nghị ngành giáo dục rà soát, công "
            "khai các khoản thu và chấn chỉnh việc vận động tài trợ không đúng quy định."
        ),
        "name": "Lê Thị Quỳnh",
        "phone": "0987000231",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "received",
        "answer": "",
        "days_ago": 4,
    },
    # 32. TP Hà Nội — published
    {
        "unit": "01",
        "category": "ha-tang",
        "title": "Nước máy có màu vàng, mùi lạ tại một tòa chung cư",
        "body": (
            "Kính gửi Ủy ban MTTQ thành phố Hà Nội. Khoảng hai tuần nay, nước máy tại tòa chung cư nơi gia đình tôi "
            "sinh sống thường có màu vàng nhạt, để trong chậu lâu thấy lắng cặn, đun sôi vẫn có mùi lạ. Nhiều hộ phải "
            "mua nước đóng bình để nấu ăn. Ban quản trị tòa nhà nói đã vệ sinh bể chứa nhưng tình trạng không cải "
            "thiện. Chúng tôi rất lo ngại cho sức khỏe, nhất là với trẻ nhỏ. Đề nghị thành phố chỉ đạo kiểm tra chất "
            "lượng nước và công bố kết quả cho người dân. Kết quả xin gửi giúp về địa chỉ phamlinh.hn@example.com."
        ),
        "name": "Phạm Thùy Linh",
        "phone": "0987000232",
        "email": "phamlinh.hn@example.com",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ủy ban MTTQ Việt Nam thành phố Hà Nội cảm ơn bà đã phản ánh. Ban Thường trực đã chuyển nội dung đến Sở "
            "Xây dựng và đề nghị đơn vị cấp nước phụ trách khu vực kiểm tra. Đơn vị cấp nước đã phối hợp với Trung tâm "
            "Kiểm soát bệnh tật thành phố lấy mẫu nước tại đồng hồ tổng và tại vòi của ba căn hộ để xét nghiệm. Kết "
            "quả cho thấy nước tại đồng hồ tổng đạt quy chuẩn; nước tại các căn hộ có hàm lượng sắt và độ đục vượt mức "
            "cho phép do cặn tích tụ trong bể chứa và đường ống nội bộ của tòa nhà. Ban quản trị tòa nhà đã được yêu "
            "cầu thau rửa, khử trùng toàn bộ bể và súc xả đường ống; việc này hoàn thành sau 7 ngày, mẫu nước lấy lại "
            "đã đạt quy chuẩn. Định kỳ 6 tháng, đơn vị cấp nước sẽ lấy mẫu kiểm tra và công khai kết quả tại bảng tin "
            "của tòa nhà."
        ),
        "days_ago": 85,
    },
    # 33. TP Hà Nội — received
    {
        "unit": "01",
        "category": "moi-truong",
        "title": "Công trình xây dựng thi công sau 22 giờ gây ồn và bụi",
        "body": (
            "Công trình xây dựng tòa nhà đối diện khu dân cư của chúng tôi thường xuyên cho xe chở vật liệu ra vào và "
            "đổ bê tông đến 1–2 giờ sáng. Tiếng máy trộn, máy bơm và còi xe vang cả khu phố; ban ngày thì bụi bay mù "
            "mịt, xe ra khỏi công trường không được rửa bánh nên đất cát vương vãi ra đường. Chúng tôi đã phản ánh với "
            "ban chỉ huy công trường nhưng chỉ được vài hôm. Đề nghị thành phố chỉ đạo kiểm tra, yêu cầu nhà thầu "
            "không thi công gây ồn vào ban đêm, che chắn công trình và rửa xe trước khi ra đường."
        ),
        "name": "Đỗ Minh Khang",
        "phone": "0987000233",
        "email": "",
        "hide_name": True,
        "consent": True,
        "state": "received",
        "answer": "",
        "days_ago": 1,
    },
    # 34. Ủy ban Trung ương — published
    {
        "unit": "TW",
        "category": "khac",
        "title": "Đề nghị có biện pháp mạnh hơn với các cuộc gọi giả danh cơ quan nhà nước để lừa đảo",
        "body": (
            "Gần đây, bố mẹ tôi ở quê liên tục nhận được cuộc gọi tự xưng là cán bộ công an, bảo hiểm xã hội, thậm chí "
            "cán bộ Mặt trận, thông báo có hồ sơ cần cập nhật, yêu cầu cài ứng dụng lạ, đọc mã OTP hoặc chuyển tiền để "
            "xác minh. Một người hàng xóm của tôi đã bị lừa mất hơn 50 triệu đồng. Người cao tuổi ở nông thôn rất dễ "
            "tin. Tôi đề nghị Ủy ban Trung ương MTTQ Việt Nam kiến nghị các cơ quan chức năng xử lý mạnh tay hơn, đồng "
            "thời tăng cường tuyên truyền đến từng khu dân cư để người dân nhận biết và phòng tránh."
        ),
        "name": "Vương Văn Hiếu",
        "phone": "0987000234",
        "email": "vuongvanhieu@example.com",
        "hide_name": False,
        "consent": True,
        "state": "published",
        "answer": (
            "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam cảm ơn ông đã gửi kiến nghị. Nội dung này đã được tổng "
            "hợp vào báo cáo ý kiến, kiến nghị của cử tri và Nhân dân gửi Bộ Công an và Bộ Khoa học và Công nghệ, đề "
            "nghị tăng cường truy vết, xử lý các đối tượng lừa đảo qua điện thoại, chuẩn hóa thông tin thuê bao và "
            "ngăn chặn cuộc gọi mạo danh. Ủy ban Trung ương MTTQ Việt Nam đã đề nghị Mặt trận các tỉnh, thành phố chỉ "
            "đạo Ban công tác Mặt trận ở khu dân cư lồng ghép nội dung phòng, chống lừa đảo trực tuyến vào sinh hoạt "
            "khu dân cư và các lớp “Bình dân học vụ số”. Xin lưu ý: cơ quan nhà nước và Mặt trận không yêu cầu người "
            "dân cài ứng dụng lạ, cung cấp mã OTP hay chuyển tiền qua điện thoại. Khi nghi ngờ bị lừa đảo, người dân "
            "cần dừng giao dịch, báo ngay cho ngân hàng và gọi 113 hoặc đến công an xã, phường gần nhất."
        ),
        "days_ago": 33,
    },
    # 35. Ủy ban Trung ương — in_progress
    {
        "unit": "TW",
        "category": "an-sinh",
        "title": "Đề nghị giữ cách làm thủ tục trực tiếp cho người cao tuổi không dùng điện thoại thông minh",
        "body": (
            "Tôi năm nay 76 tuổi, dùng điện thoại bàn phím, không có tài khoản ngân hàng. Gần đây nhiều thủ tục được "
            "khuyến khích làm trên mạng, có nơi còn đề nghị nhận trợ cấp qua tài khoản. Người già như chúng tôi rất "
            "lúng túng, phải nhờ con cháu, mà con cháu lại đi làm ăn xa. Tôi ủng hộ chuyển đổi số, nhưng đề nghị Mặt "
            "trận Trung ương kiến nghị Nhà nước vẫn giữ cách làm thủ tục và nhận tiền trực tiếp cho người không có "
            "điều kiện, đồng thời có người hỗ trợ tận nơi, để không ai bị bỏ lại phía sau."
        ),
        "name": "Lê Văn Thìn",
        "phone": "0987000235",
        "email": "",
        "hide_name": False,
        "consent": True,
        "state": "in_progress",
        "answer": "",
        "days_ago": 8,
    },
    # 36. Ủy ban Trung ương — rejected
    {
        "unit": "TW",
        "category": "an-sinh",
        "title": "Người già không dùng điện thoại thông minh gặp khó khi làm thủ tục",
        "body": (
            "Tôi gửi lại ý kiến vì chưa thấy trả lời: người cao tuổi như tôi không dùng điện thoại thông minh, không "
            "có tài khoản ngân hàng nên rất khó khăn khi nhiều thủ tục chuyển lên mạng. Đề nghị Mặt trận Trung ương "
            "kiến nghị giữ cách làm thủ tục và nhận trợ cấp trực tiếp, có người hỗ trợ tận nhà cho người già."
        ),
        "name": "Lê Văn Thìn",
        "phone": "0987000236",
        "email": "",
        "hide_name": False,
        "consent": False,
        "state": "rejected",
        "answer": (
            "Nội dung trùng với kiến nghị ông đã gửi trước đó, hiện đang được Ủy ban Trung ương MTTQ Việt Nam xem xét, "
            "xử lý. Kết quả sẽ được trả lời theo mã theo dõi của kiến nghị gửi lần đầu."
        ),
        "days_ago": 7,
    },
]
