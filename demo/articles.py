"""The demo articles: local news of a district, written for this project.

The events, figures and people are invented for the demonstration. "{date}" in a lead is
replaced by the day of publication (dd/mm/yyyy), which the loader spreads over the last weeks.
Each photo names a scene of demo/scenes.py to be drawn for it.
"""

from dataclasses import dataclass

from .content import CREDIT


@dataclass(frozen=True)
class DemoPhoto:
    scene: str
    caption: str
    alt_text: str
    credit: str = CREDIT
    # Placed in the body after this paragraph (1 = the first), as a reporter places it with
    # the editor (news/body_photos.py); None: above or after the body, by its order.
    after_paragraph: int | None = None


@dataclass(frozen=True)
class DemoArticle:
    title: str
    category: str
    days_ago: int
    time: str
    lead: str
    body: str
    photos: tuple[DemoPhoto, ...]
    is_featured: bool = False


ARTICLES = (
    DemoArticle(
        title="Kim Bảng thu hoạch lúa mùa, năng suất ước đạt 60 tạ/ha",
        category="Nông nghiệp",
        days_ago=1,
        time="16:45",
        is_featured=True,
        lead="Ngày {date}, trên khắp các cánh đồng của huyện Kim Bảng, nông dân đang khẩn trương thu hoạch lúa mùa. Đến nay toàn huyện đã gặt được khoảng 55% diện tích, năng suất bình quân ước đạt 60 tạ/ha.",
        body="""
<p>Vụ mùa năm nay, toàn huyện gieo cấy hơn 4.200 ha lúa, trong đó khoảng 70% diện tích là các giống lúa chất lượng cao. Nhờ thời tiết tương đối thuận lợi, công tác phòng trừ sâu bệnh được các xã chỉ đạo sát sao nên lúa sinh trưởng đồng đều, bông to, hạt chắc. Tại những cánh đồng mẫu lớn ở Tượng Lĩnh, Nhật Tân, Đồng Hóa, máy gặt đập liên hợp hoạt động từ sáng sớm, mỗi ngày thu hoạch hàng chục héc-ta.</p>
<p>Theo Phòng Kinh tế huyện, hiện hơn 95% diện tích lúa được thu hoạch bằng máy, giúp bà con giảm đáng kể công lao động và hạn chế thất thoát sau thu hoạch. Nhiều hợp tác xã đã chủ động hợp đồng với chủ máy gặt, bố trí lịch gặt theo từng xứ đồng để máy không dồn về một nơi, tránh để lúa chín quá lâu ngoài đồng.</p>
<h2>Không đốt rơm rạ sau thu hoạch</h2>
<p>Cùng với việc đẩy nhanh tiến độ gặt, huyện khuyến cáo bà con tận dụng rơm rạ làm thức ăn cho gia súc, ủ làm phân hữu cơ hoặc trồng nấm, <strong>tuyệt đối không đốt rơm rạ</strong> trên đồng ruộng và ven đường giao thông, vừa gây ô nhiễm không khí vừa mất an toàn cho người đi đường. Các hợp tác xã hướng dẫn nông dân dùng chế phẩm sinh học để xử lý rơm rạ ngay tại ruộng.</p>
<blockquote><p>“Năm nay lúa đẹp, gặt bằng máy chưa đầy một buổi là xong cả mẫu ruộng. Rơm thì gia đình cuộn lại để dành cho trâu bò ăn dần”, ông Nguyễn Văn Thắng, nông dân xã Tượng Lĩnh, chia sẻ.</p></blockquote>
<p>Ngay sau khi thu hoạch, các xã triển khai làm đất, chuẩn bị gieo trồng cây vụ đông trên chân đất hai lúa với các cây chủ lực như ngô, khoai tây và rau màu. Huyện phấn đấu vụ đông năm nay đạt trên 600 ha, tập trung vào các mô hình liên kết sản xuất gắn với tiêu thụ sản phẩm./.</p>
""",
        photos=(
            DemoPhoto(
                "harvest",
                "Máy gặt đập liên hợp thu hoạch lúa mùa trên cánh đồng mẫu lớn xã Tượng Lĩnh.",
                "Cánh đồng lúa chín vàng trải dài tới chân dãy núi đá, một chiếc máy gặt màu đỏ giữa ruộng, vài người đội nón lá đứng cạnh những bao thóc trắng.",
            ),
            DemoPhoto(
                "harvest",
                "Nông dân xã Nhật Tân tập kết thóc trên bờ ruộng ngay sau khi gặt.",
                "Những bao thóc màu trắng xếp trên phần ruộng đã gặt, bên cạnh là lúa chín chưa gặt và mấy người nông dân đội nón lá.",
                "Thu Hà",
                after_paragraph=2,
            ),
            DemoPhoto(
                "harvest",
                "Lúa mùa năm nay bông to, hạt chắc, năng suất cao hơn vụ trước.",
                "Ruộng lúa chín vàng với những hàng lúa thẳng tắp chạy về phía chân trời, bầu trời xanh có mây trắng.",
            ),
        ),
    ),
    DemoArticle(
        title="Người dân Kim Bảng quen dần với dịch vụ công trực tuyến",
        category="Chuyển đổi số",
        days_ago=2,
        time="10:15",
        is_featured=True,
        lead="Ngày {date}, tại Bộ phận tiếp nhận và trả kết quả huyện Kim Bảng, nhiều người dân đến làm thủ tục đã được cán bộ hướng dẫn nộp hồ sơ trực tuyến ngay trên điện thoại của mình.",
        body="""
<p>Từ đầu năm đến nay, Bộ phận tiếp nhận và trả kết quả huyện bố trí một tổ hỗ trợ gồm cán bộ các phòng chuyên môn và đoàn viên thanh niên, thường trực trong giờ hành chính để hướng dẫn người dân đăng nhập bằng tài khoản định danh điện tử và nộp hồ sơ trên <a href="https://dichvucong.gov.vn">Cổng Dịch vụ công quốc gia</a>. Các thủ tục được sử dụng nhiều nhất là chứng thực bản sao, đăng ký hộ tịch, cấp giấy phép xây dựng nhà ở riêng lẻ và đăng ký hộ kinh doanh.</p>
<p>Theo Văn phòng HĐND và UBND huyện, tỷ lệ hồ sơ nộp trực tuyến toàn trình của huyện đã đạt khoảng 68%, gần gấp đôi so với cùng kỳ năm trước. Thời gian giải quyết hồ sơ được rút ngắn, người dân không phải đi lại nhiều lần, một số loại phí, lệ phí còn được giảm khi nộp qua mạng.</p>
<h2>Ba bước để nộp hồ sơ trực tuyến</h2>
<ol>
<li>Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản định danh điện tử mức độ 2.</li>
<li>Chọn thủ tục cần làm, điền tờ khai và đính kèm ảnh chụp giấy tờ theo hướng dẫn.</li>
<li>Theo dõi tình trạng hồ sơ qua tin nhắn, nộp phí trực tuyến và nhận kết quả tại nhà qua bưu điện nếu có nhu cầu.</li>
</ol>
<p>Bà Trần Thị Lan ở thị trấn Quế cho biết lần đầu nộp hồ sơ trên điện thoại bà còn lúng túng, nhưng được cán bộ hướng dẫn từng bước nên chỉ khoảng mười phút đã xong. “Lần sau tôi tự làm ở nhà được rồi, không phải xin nghỉ làm để đi nộp giấy tờ nữa”, bà nói.</p>
<p>Thời gian tới, huyện tiếp tục nhân rộng các tổ công nghệ số cộng đồng tại thôn, tổ dân phố, đẩy mạnh thanh toán không dùng tiền mặt và phấn đấu đến cuối năm có trên 80% hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến./.</p>
""",
        photos=(
            DemoPhoto(
                "office",
                "Cán bộ Bộ phận tiếp nhận và trả kết quả huyện hướng dẫn người dân nộp hồ sơ trực tuyến.",
                "Quầy tiếp dân dài, các cán bộ áo trắng ngồi sau màn hình máy tính, người dân đứng trước quầy, trên tường có màn hình lớn hiện một mã QR.",
            ),
            DemoPhoto(
                "office",
                "Màn hình tra cứu tình trạng hồ sơ được đặt ngay tại sảnh chờ.",
                "Màn hình treo tường hiển thị trang dịch vụ công và một mã QR lớn, bên dưới là quầy gỗ và mấy người đang chờ.",
                "Thu Hà",
            ),
        ),
    ),
    DemoArticle(
        title="Kim Bảng đánh giá kết quả công tác quốc phòng, quân sự địa phương",
        category="An ninh - Quốc phòng",
        days_ago=3,
        time="15:20",
        lead="Ngày {date}, Ban Chỉ huy Quân sự huyện Kim Bảng tổ chức hội nghị đánh giá kết quả thực hiện nhiệm vụ quốc phòng, quân sự địa phương và triển khai nhiệm vụ thời gian tới.",
        body="""
<p>Thời gian qua, lực lượng vũ trang huyện duy trì nghiêm chế độ trực sẵn sàng chiến đấu, phối hợp chặt chẽ với công an nắm chắc tình hình địa bàn, không để xảy ra bị động, bất ngờ. Công tác tuyển chọn và gọi công dân nhập ngũ được thực hiện đúng quy trình, công khai, dân chủ; huyện hoàn thành 100% chỉ tiêu giao quân, chất lượng tân binh được nâng lên, nhiều thanh niên có trình độ cao đẳng, đại học tình nguyện lên đường.</p>
<p>Lực lượng dân quân tự vệ tiếp tục được củng cố về tổ chức, biên chế theo Luật Dân quân tự vệ. Các xã, thị trấn hoàn thành kế hoạch huấn luyện, bảo đảm quân số và nội dung; công tác giáo dục quốc phòng và an ninh cho các đối tượng đi vào nền nếp. Huyện cũng tổ chức diễn tập chiến đấu phòng thủ tại một số xã, qua đó nâng cao năng lực chỉ đạo, điều hành của cấp ủy, chính quyền cơ sở khi xử lý các tình huống.</p>
<h2>Gắn quốc phòng với phát triển kinh tế - xã hội</h2>
<p>Phát biểu chỉ đạo hội nghị, Phó Bí thư Thường trực Huyện ủy ghi nhận những kết quả lực lượng vũ trang huyện đạt được; đề nghị các cấp, các ngành tiếp tục kết hợp chặt chẽ giữa phát triển kinh tế - xã hội với củng cố quốc phòng, an ninh. Ban Chỉ huy Quân sự huyện cần chủ động tham mưu, chuẩn bị tốt công tác tuyển quân năm tới, nâng cao chất lượng huấn luyện và sẵn sàng tham gia phòng chống thiên tai, tìm kiếm cứu nạn.</p>
<p>Nhân dịp này, <strong>8 tập thể và 12 cá nhân</strong> có thành tích xuất sắc trong thực hiện nhiệm vụ quốc phòng, quân sự địa phương được UBND huyện tặng giấy khen./.</p>
""",
        photos=(
            DemoPhoto(
                "defence_meeting",
                "Quang cảnh hội nghị đánh giá công tác quốc phòng, quân sự địa phương.",
                "Hội trường có phông nền đỏ phía trên sân khấu, bàn chủ tọa phủ khăn trắng, phía dưới nhiều đại biểu mặc quân phục xanh ngồi theo hàng.",
            ),
            DemoPhoto(
                "award",
                "Các tập thể, cá nhân có thành tích xuất sắc nhận giấy khen của UBND huyện.",
                "Một hàng người đứng trên sân khấu trước phông đỏ, mỗi người cầm giấy khen và bó hoa, khán giả ngồi kín các hàng ghế phía dưới.",
            ),
        ),
    ),
    DemoArticle(
        title="Chủ động phương án phòng, chống thiên tai trước mùa mưa lũ",
        category="Tin tức - Sự kiện",
        days_ago=5,
        time="09:00",
        is_featured=True,
        lead="Ngày {date}, Ban Chỉ huy Phòng thủ dân sự huyện Kim Bảng kiểm tra các điểm xung yếu trên tuyến đê sông Đáy, yêu cầu các xã ven sông rà soát, hoàn thiện phương án ứng phó với mưa lũ.",
        body="""
<p>Huyện Kim Bảng có hơn 20 km đê sông Đáy cùng nhiều tuyến kênh tiêu chạy qua các xã, thị trấn. Những năm gần đây thời tiết diễn biến khó lường, mưa lớn cục bộ thường dồn vào thời gian ngắn, gây ngập úng lúa và hoa màu ở vùng trũng. Vì vậy ngay từ đầu mùa mưa, huyện đã kiện toàn ban chỉ huy các cấp, phân công từng thành viên phụ trách địa bàn.</p>
<p>Tại buổi kiểm tra, đoàn công tác đi thực địa các cống qua đê, những đoạn đê có hiện tượng thẩm lậu và kho vật tư dự phòng. Theo phương châm “bốn tại chỗ”, các xã ven sông đã chuẩn bị sẵn vật tư, phương tiện và lực lượng xung kích, sẵn sàng ứng cứu khi có tình huống.</p>
<table>
<thead><tr><th>Vật tư, phương tiện</th><th>Số lượng dự phòng</th></tr></thead>
<tbody>
<tr><td>Bao tải đựng đất, cát</td><td>25.000 chiếc</td></tr>
<tr><td>Áo phao, phao tròn cứu sinh</td><td>1.800 chiếc</td></tr>
<tr><td>Thuyền, xuồng máy</td><td>42 chiếc</td></tr>
<tr><td>Lực lượng xung kích ở các xã, thị trấn</td><td>hơn 1.500 người</td></tr>
</tbody>
</table>
<h2>Những việc cần làm ngay</h2>
<ul>
<li>Tổ chức tuần tra, canh gác đê khi mực nước sông Đáy lên mức báo động I.</li>
<li>Nạo vét kênh mương, khơi thông dòng chảy, vận hành các trạm bơm tiêu úng khi có mưa lớn.</li>
<li>Rà soát các hộ dân ven sông, vùng trũng thấp để có phương án di dời khi cần.</li>
<li>Theo dõi bản tin của <a href="https://nchmf.gov.vn">Trung tâm Dự báo khí tượng thủy văn quốc gia</a> và thông tin trên loa truyền thanh cơ sở.</li>
</ul>
<p>Kết luận buổi kiểm tra, lãnh đạo UBND huyện nhấn mạnh phòng chống thiên tai là nhiệm vụ của cả hệ thống chính trị và của mỗi người dân; yêu cầu các địa phương không chủ quan, chuẩn bị phương án ở mức cao nhất để bảo vệ tính mạng, tài sản của nhân dân./.</p>
""",
        photos=(
            DemoPhoto(
                "river",
                "Lực lượng xung kích xã Thanh Sơn gia cố đoạn đê xung yếu bằng bao tải cát.",
                "Bờ đê phủ cỏ xanh, hàng bao tải cát xếp dọc mép sông nước đục, vài người mặc quân phục và áo phao màu cam đứng trên đê dưới trời nhiều mây xám.",
            ),
            DemoPhoto(
                "river",
                "Dân quân tập huấn cứu hộ bằng thuyền trên sông Đáy.",
                "Một chiếc thuyền chở ba người mặc áo phao màu cam giữa dòng sông rộng, phía xa là hàng cây và dãy núi mờ.",
            ),
        ),
    ),
    DemoArticle(
        title="Trường THCS thị trấn Quế đưa dãy phòng học mới vào sử dụng",
        category="Giáo dục",
        days_ago=6,
        time="14:30",
        lead="Ngày {date}, Trường THCS thị trấn Quế khánh thành dãy nhà học ba tầng với 12 phòng học và 3 phòng bộ môn, đáp ứng nhu cầu học tập của hơn 700 học sinh.",
        body="""
<p>Công trình được khởi công từ đầu năm với tổng mức đầu tư khoảng 14 tỷ đồng từ ngân sách huyện và thị trấn. Ba phòng học bộ môn Tin học, Ngoại ngữ và Khoa học tự nhiên được trang bị máy chiếu, bảng tương tác; các phòng học có đủ quạt, đèn chiếu sáng đạt chuẩn. Khu vệ sinh, nhà để xe và sân trường cũng được cải tạo đồng bộ.</p>
<p>Trước đây nhiều phòng học của trường đã xuống cấp, một số lớp phải học nhờ phòng chức năng. Có công trình mới, nhà trường bố trí đủ phòng cho các lớp học một ca, có thêm không gian cho hoạt động trải nghiệm, câu lạc bộ và thư viện thân thiện.</p>
<blockquote><p>“Phòng học mới rộng và sáng hơn nhiều, thầy cô dùng bảng tương tác trong hầu hết các tiết. Chúng em rất phấn khởi”, em Nguyễn Ngọc Ánh, học sinh lớp 9A, chia sẻ.</p></blockquote>
<p>Phát biểu tại buổi lễ, lãnh đạo Phòng Giáo dục và Đào tạo huyện đề nghị nhà trường quản lý, khai thác hiệu quả cơ sở vật chất mới, tiếp tục đổi mới phương pháp dạy học theo <i>Chương trình giáo dục phổ thông 2018</i>, giữ vững danh hiệu trường đạt chuẩn quốc gia./.</p>
""",
        photos=(
            DemoPhoto(
                "school",
                "Dãy nhà học ba tầng mới của Trường THCS thị trấn Quế.",
                "Tòa nhà ba tầng sơn vàng, mái ngói đỏ, cửa sổ xanh, trước sân có cột cờ và rất đông học sinh áo trắng xếp hàng.",
            ),
            DemoPhoto(
                "school",
                "Học sinh dự lễ chào cờ trên sân trường trong ngày khánh thành.",
                "Sân trường rộng với hàng trăm học sinh áo trắng quần sẫm màu đứng thành hàng, hai bên có cây lớn tỏa bóng.",
            ),
        ),
    ),
    DemoArticle(
        title="Khám sức khỏe, cấp thuốc miễn phí cho hơn 600 người cao tuổi",
        category="Y tế",
        days_ago=8,
        time="08:40",
        lead="Ngày {date}, Trung tâm Y tế huyện Kim Bảng phối hợp với Hội Người cao tuổi huyện tổ chức khám sức khỏe, tư vấn và cấp thuốc miễn phí cho người cao tuổi xã Lê Hồ.",
        body="""
<p>Ngay từ sáng sớm, sân Trạm Y tế xã đã đông người đến chờ khám. Đoàn gồm hơn 20 y, bác sĩ các chuyên khoa nội, mắt, răng hàm mặt và y học cổ truyền, làm việc theo quy trình một chiều từ đo huyết áp, thử đường máu nhanh đến khám chuyên khoa và nhận thuốc, nên các cụ không phải chờ lâu.</p>
<p>Qua thăm khám, phần lớn người cao tuổi mắc các bệnh mạn tính thường gặp như tăng huyết áp, đái tháo đường, thoái hóa khớp và bệnh về mắt. Những trường hợp cần điều trị chuyên sâu được tư vấn chuyển tuyến; các cụ cũng được hướng dẫn chế độ ăn uống, luyện tập và cách tự theo dõi huyết áp tại nhà.</p>
<h2>Quản lý sức khỏe bằng hồ sơ điện tử</h2>
<p>Kết quả khám của từng người được cập nhật vào hồ sơ sức khỏe điện tử, giúp trạm y tế theo dõi, quản lý bệnh mạn tính lâu dài. Người dân có thể xem lại thông tin sức khỏe của mình trên ứng dụng định danh điện tử khi hồ sơ đã được tích hợp.</p>
<p>Theo kế hoạch, từ nay đến cuối năm chương trình sẽ được tổ chức tại các xã còn lại, phấn đấu 100% người từ 60 tuổi trở lên được khám sức khỏe định kỳ ít nhất một lần trong năm./.</p>
""",
        photos=(
            DemoPhoto(
                "clinic",
                "Y, bác sĩ Trung tâm Y tế huyện khám bệnh cho người cao tuổi xã Lê Hồ.",
                "Dưới mái lều xanh trước trạm y tế, bốn nhân viên y tế áo trắng đứng sau bàn, nhiều người dân xếp hàng chờ đến lượt.",
            ),
            DemoPhoto(
                "clinic",
                "Người dân xếp hàng chờ đo huyết áp và nhận thuốc.",
                "Sân trạm y tế đông người đứng chờ, có cụ đội nón lá, phía sau là tòa nhà trắng có biển xanh và dấu chữ thập.",
                "Thu Hà",
            ),
        ),
    ),
    DemoArticle(
        title="Nâng cấp tuyến đường trục xã Văn Xá, tạo diện mạo nông thôn mới",
        category="Nông thôn mới",
        days_ago=9,
        time="17:10",
        lead="Ngày {date}, tuyến đường trục xã Văn Xá dài 3,2 km đang được thi công thảm nhựa mặt đường, dự kiến hoàn thành sớm hơn kế hoạch gần một tháng.",
        body="""
<p>Tuyến đường được mở rộng mặt từ 3,5 m lên 6,5 m, có rãnh thoát nước dọc hai bên, biển báo và đèn chiếu sáng dùng năng lượng mặt trời. Tổng kinh phí khoảng 18 tỷ đồng, trong đó ngân sách tỉnh hỗ trợ theo chương trình mục tiêu quốc gia xây dựng nông thôn mới, phần còn lại do ngân sách huyện, xã và nhân dân đóng góp.</p>
<p>Để có mặt bằng thi công, nhiều hộ dân hai bên đường đã tự nguyện hiến đất, tháo dỡ tường rào, cổng ngõ mà không đòi bồi thường. Ban quản lý dự án phối hợp với UBND xã công khai thiết kế, tiến độ và thành lập tổ giám sát cộng đồng để người dân cùng theo dõi chất lượng công trình.</p>
<blockquote><p>“Đường cũ hẹp, xe chở nông sản không vào được tận ruộng. Bà con góp đất, góp công vì biết đường rộng thì việc làm ăn của chính mình thuận lợi hơn”, ông Phạm Văn Hòa, người dân trong xã, cho biết.</p></blockquote>
<p>Trong thời gian thi công, nhà thầu bố trí người hướng dẫn giao thông, biển cảnh báo và tưới nước giảm bụi. Người đi đường qua khu vực này được đề nghị giảm tốc độ, đi đúng làn đã phân luồng. Khi hoàn thành, tuyến đường sẽ nối trung tâm xã với quốc lộ, thúc đẩy giao thương và sản xuất hàng hóa./.</p>
""",
        photos=(
            DemoPhoto(
                "road_works",
                "Nhà thầu thi công thảm nhựa mặt đường trục xã Văn Xá.",
                "Con đường thẳng giữa hai hàng cây, một nửa đã trải nhựa đen, nửa còn lại là đá dăm, có xe lu màu vàng, công nhân áo cam và hàng cọc tiêu.",
            ),
            DemoPhoto(
                "country_road",
                "Đoạn đường đã hoàn thành, có vạch sơn phân làn.",
                "Đường nhựa phẳng có vạch trắng ở giữa chạy thẳng về phía dãy núi, hai bên là hàng cây xanh và ruộng.",
            ),
        ),
    ),
    DemoArticle(
        title="Khai mạc lễ hội truyền thống xã Thanh Sơn",
        category="Văn hóa - Thể thao",
        days_ago=11,
        time="11:00",
        lead="Ngày {date}, xã Thanh Sơn long trọng khai mạc lễ hội truyền thống, thu hút đông đảo nhân dân địa phương và du khách thập phương về dự.",
        body="""
<p>Lễ hội được tổ chức hằng năm để tưởng nhớ công đức các bậc tiền nhân có công khai phá đất đai, lập làng, đồng thời giáo dục truyền thống uống nước nhớ nguồn cho thế hệ trẻ. Phần lễ được cử hành trang nghiêm với nghi thức rước kiệu, dâng hương và tế lễ cổ truyền do các cụ cao niên trong làng đảm nhận.</p>
<p>Phần hội kéo dài ba ngày với nhiều trò chơi, môn thể thao dân gian như đấu vật, kéo co, đua thuyền, cờ người và hát chèo. Giải đua thuyền trên hồ năm nay có 12 đội của các thôn tham gia, hàng nghìn người dân đứng kín hai bên bờ cổ vũ.</p>
<h3>Lễ hội văn minh, an toàn</h3>
<p>Ban tổ chức bố trí lực lượng công an, dân quân giữ gìn an ninh trật tự, hướng dẫn trông giữ xe đúng nơi quy định và niêm yết giá dịch vụ công khai. Du khách được đề nghị ăn mặc lịch sự, đặt lễ đúng nơi quy định, hạn chế đốt vàng mã và giữ gìn vệ sinh chung.</p>
<p>Theo UBND xã, tổ chức lễ hội gắn với bảo tồn, phát huy giá trị di sản văn hóa phi vật thể của địa phương, góp phần quảng bá hình ảnh quê hương và phát triển du lịch cộng đồng./.</p>
""",
        photos=(
            DemoPhoto(
                "temple",
                "Đền làng xã Thanh Sơn rực rỡ cờ hội trong ngày khai hội.",
                "Ngôi đền mái cong bên mặt hồ, hai bên cắm cờ ngũ sắc, người dân đứng dọc bờ, bóng đền in xuống mặt nước.",
            ),
            DemoPhoto(
                "temple",
                "Các đội tham gia giải đua thuyền trên hồ.",
                "Mặt hồ gợn sóng có mấy chiếc thuyền gỗ chở người, phía sau là ngôi đền mái cong và những ngọn núi đá.",
                "Thu Hà",
            ),
        ),
    ),
    DemoArticle(
        title="Du lịch Kim Bảng hút khách nhờ kết hợp tâm linh và sinh thái",
        category="Công nghiệp - Dịch vụ",
        days_ago=13,
        time="15:00",
        lead="Ngày {date}, theo số liệu của Phòng Văn hóa và Thông tin huyện, từ đầu năm đến nay Kim Bảng đã đón khoảng 1,2 triệu lượt khách tham quan, tăng hơn 15% so với cùng kỳ.",
        body="""
<p>Với cảnh quan núi đá vôi, hồ nước và hệ thống di tích lịch sử, văn hóa, Kim Bảng đang trở thành điểm đến cuối tuần quen thuộc của du khách Hà Nội và các tỉnh lân cận. Bên cạnh khu du lịch Tam Chúc, các mô hình du lịch trải nghiệm nông nghiệp và nhà nghỉ ven núi cũng bắt đầu thu hút khách.</p>
<p>Dịch vụ lưu trú, ăn uống, vận chuyển phát triển theo, tạo việc làm cho hàng nghìn lao động địa phương. Nhiều hộ gia đình mạnh dạn cải tạo nhà ở thành cơ sở lưu trú, phục vụ các món đặc sản như cá kho, rau rừng, gà đồi, có nguồn thu nhập ổn định.</p>
<h2>Nâng chất lượng dịch vụ</h2>
<p>Để du lịch phát triển bền vững, huyện tập trung vào ba nhóm giải pháp:</p>
<ul>
<li>Chỉnh trang hạ tầng giao thông kết nối các điểm du lịch, xây dựng bãi đỗ xe và nhà vệ sinh công cộng đạt chuẩn.</li>
<li>Tập huấn kỹ năng phục vụ, ngoại ngữ giao tiếp và an toàn thực phẩm cho người làm du lịch.</li>
<li>Quảng bá trên nền tảng số, xây dựng bản đồ du lịch trực tuyến và sản phẩm OCOP gắn với du lịch.</li>
</ul>
<p>Huyện cũng yêu cầu các cơ sở kinh doanh niêm yết giá công khai, không chèo kéo, ép giá khách, giữ gìn vệ sinh môi trường, xây dựng hình ảnh điểm đến thân thiện, an toàn./.</p>
""",
        photos=(
            DemoPhoto(
                "temple",
                "Du khách tham quan quần thể di tích giữa vùng núi đá.",
                "Công trình mái cong bên hồ nước, hai bên có cờ, phía sau là những ngọn núi đá vôi và bầu trời xanh.",
            ),
            DemoPhoto(
                "paddy",
                "Cánh đồng dưới chân núi là điểm chụp ảnh được nhiều du khách yêu thích.",
                "Ruộng lúa xanh mướt trải dài tới chân dãy núi đá, vài người đội nón lá đứng giữa ruộng.",
            ),
            DemoPhoto(
                "country_road",
                "Đường vào các điểm du lịch đã được trồng cây xanh hai bên.",
                "Con đường nhựa thẳng tắp giữa hai hàng cây, phía cuối đường là những ngọn núi đá xám.",
                "Thu Hà",
            ),
        ),
    ),
    DemoArticle(
        title="Đại biểu HĐND huyện tiếp xúc cử tri trước kỳ họp",
        category="Chính trị",
        days_ago=15,
        time="09:30",
        lead="Ngày {date}, Tổ đại biểu HĐND huyện Kim Bảng ứng cử tại đơn vị bầu cử số 3 tiếp xúc cử tri xã Nguyễn Úy và xã Đại Cương, thông báo dự kiến nội dung kỳ họp và lắng nghe ý kiến của nhân dân.",
        body="""
<p>Tại buổi tiếp xúc, Tổ đại biểu thông báo với cử tri tình hình kinh tế - xã hội của huyện thời gian qua và dự kiến chương trình kỳ họp thường lệ sắp tới, trong đó có các nghị quyết về kế hoạch đầu tư công, dự toán ngân sách và một số chính sách hỗ trợ sản xuất nông nghiệp.</p>
<p>Cử tri hai xã phấn khởi trước những kết quả huyện đạt được, đồng thời nêu nhiều ý kiến tâm huyết, tập trung vào các vấn đề:</p>
<ul>
<li>Sớm nạo vét một số tuyến kênh tưới tiêu bị bồi lắng, ảnh hưởng đến sản xuất vụ đông.</li>
<li>Xử lý tình trạng xe quá khổ, quá tải làm hư hỏng đường giao thông nông thôn.</li>
<li>Quan tâm hơn đến thu gom, xử lý rác thải sinh hoạt ở các thôn.</li>
<li>Hỗ trợ người cao tuổi, người khuyết tật sử dụng dịch vụ công trực tuyến.</li>
</ul>
<p>Thay mặt Tổ đại biểu, lãnh đạo UBND huyện trực tiếp giải trình, làm rõ nhiều ý kiến thuộc thẩm quyền của huyện. Những kiến nghị vượt thẩm quyền được tổng hợp đầy đủ, gửi tới kỳ họp và các cơ quan chức năng để xem xét, trả lời cử tri theo quy định./.</p>
""",
        photos=(
            DemoPhoto(
                "meeting",
                "Quang cảnh buổi tiếp xúc cử tri tại xã Nguyễn Úy.",
                "Hội trường có băng rôn đỏ phía trên, bàn chủ tọa phủ khăn trắng với các đại biểu ngồi phía sau, nhiều cử tri ngồi theo hàng ghế phía dưới.",
            ),
            DemoPhoto(
                "meeting",
                "Cử tri xã Đại Cương nêu ý kiến, kiến nghị với Tổ đại biểu.",
                "Các hàng ghế kín người ngồi quay về phía sân khấu, phía trên là băng rôn đỏ chữ vàng và lá cờ đỏ sao vàng.",
            ),
        ),
    ),
    DemoArticle(
        title="Ra quân huấn luyện lực lượng dân quân tự vệ",
        category="An ninh - Quốc phòng",
        days_ago=17,
        time="08:00",
        lead="Ngày {date}, Ban Chỉ huy Quân sự huyện Kim Bảng tổ chức lễ ra quân huấn luyện cho lực lượng dân quân tự vệ các xã, thị trấn và cơ quan, doanh nghiệp trên địa bàn.",
        body="""
<p>Năm nay toàn huyện có hơn 1.300 cán bộ, chiến sĩ dân quân tự vệ tham gia huấn luyện các nội dung chính trị, điều lệnh, kỹ thuật bắn súng và phương án phòng chống thiên tai, cháy nổ, tìm kiếm cứu nạn. Thời gian huấn luyện được bố trí linh hoạt theo thời vụ để không ảnh hưởng đến sản xuất và việc làm của người dân.</p>
<p>Ngay sau lễ ra quân, các đơn vị bước vào huấn luyện tập trung theo cụm. Đội ngũ cán bộ huấn luyện đã được tập huấn, thông qua giáo án; thao trường, bãi tập và vật chất huấn luyện được chuẩn bị đầy đủ. Yêu cầu bảo đảm an toàn, nhất là khi bắn đạn thật, được quán triệt tới từng người.</p>
<blockquote><p>Chỉ huy trưởng Ban Chỉ huy Quân sự huyện yêu cầu các đơn vị huấn luyện <strong>“sát thực tế, sát đối tượng, sát địa bàn”</strong>, lấy kết quả huấn luyện làm thước đo năng lực lãnh đạo của cấp ủy, chính quyền cơ sở.</p></blockquote>
<p>Kết thúc đợt huấn luyện, huyện sẽ kiểm tra, đánh giá kết quả, khen thưởng các đơn vị, cá nhân có thành tích tốt và rút kinh nghiệm để nâng cao chất lượng những năm tiếp theo./.</p>
""",
        photos=(
            DemoPhoto(
                "ceremony",
                "Lực lượng dân quân tự vệ dự lễ ra quân huấn luyện.",
                "Nhiều hàng chiến sĩ mặc quân phục xanh, ngực cài hoa đỏ, đứng nghiêm trước lễ đài phông đỏ có ngôi sao vàng.",
            ),
        ),
    ),
    DemoArticle(
        title="Ra quân diệt bọ gậy, chủ động phòng chống sốt xuất huyết",
        category="Y tế",
        days_ago=19,
        time="16:00",
        lead="Ngày {date}, Trung tâm Y tế huyện phối hợp với UBND xã Liên Sơn tổ chức chiến dịch vệ sinh môi trường, diệt bọ gậy phòng chống sốt xuất huyết tại các thôn.",
        body="""
<p>Tham gia chiến dịch có hơn 200 người gồm cán bộ y tế, đoàn viên thanh niên, hội viên phụ nữ và đông đảo người dân. Các tổ công tác đến từng hộ gia đình hướng dẫn cách phát hiện, loại bỏ vật dụng chứa nước đọng như lốp xe cũ, chai lọ, chậu cây cảnh; thả cá vào bể nước lớn để diệt bọ gậy và thu gom phế thải quanh nhà.</p>
<p>Theo Trung tâm Y tế huyện, thời tiết mưa nắng xen kẽ là điều kiện thuận lợi để muỗi vằn sinh sản. Dù số ca mắc trên địa bàn chưa tăng cao, các địa phương lân cận đã ghi nhận nhiều ổ dịch, nên việc phòng bệnh phải làm thường xuyên, không chờ đến khi có dịch.</p>
<h2>Khuyến cáo của ngành y tế</h2>
<ol>
<li>Mỗi tuần dành ít nhất 10 phút kiểm tra, lật úp các vật dụng có thể đọng nước quanh nhà.</li>
<li>Ngủ màn kể cả ban ngày, mặc quần áo dài tay để tránh muỗi đốt.</li>
<li>Khi sốt cao đột ngột, đau đầu, đau mỏi người hoặc phát ban, cần đến ngay cơ sở y tế; <i>không tự ý dùng thuốc hạ sốt có chứa aspirin</i>.</li>
</ol>
<p>Chiến dịch sẽ được nhân rộng ra tất cả các xã, thị trấn, kết hợp tuyên truyền trên hệ thống loa truyền thanh cơ sở mỗi buổi sáng./.</p>
""",
        photos=(
            DemoPhoto(
                "village",
                "Đoàn viên thanh niên xã Liên Sơn ra quân vệ sinh môi trường khu dân cư.",
                "Nhiều bạn trẻ mặc áo xanh và vài người áo trắng đứng trên đường làng trước dãy nhà mái ngói đỏ, phía trên có băng rôn đỏ.",
            ),
            DemoPhoto(
                "village",
                "Cán bộ y tế và thanh niên đến từng ngõ xóm hướng dẫn người dân loại bỏ vật dụng đọng nước.",
                "Đường bê tông giữa khu dân cư, hai bên có cây lớn, các nhóm người mặc áo xanh đứng dọc đường.",
                "Thu Hà",
            ),
        ),
    ),
    DemoArticle(
        title="Trao 150 suất học bổng cho học sinh vượt khó học giỏi",
        category="Giáo dục",
        days_ago=22,
        time="10:30",
        lead="Ngày {date}, Hội Khuyến học huyện Kim Bảng phối hợp với các doanh nghiệp trên địa bàn trao 150 suất học bổng cho học sinh có hoàn cảnh khó khăn vươn lên trong học tập.",
        body="""
<p>Mỗi suất học bổng gồm 1 triệu đồng tiền mặt cùng cặp sách, vở viết và đồ dùng học tập, tổng trị giá hơn 200 triệu đồng. Các em nhận học bổng đều có kết quả học tập khá, giỏi; nhiều em mồ côi cha hoặc mẹ, gia đình thuộc hộ nghèo, cận nghèo nhưng vẫn kiên trì đến lớp và đạt giải trong các kỳ thi học sinh giỏi.</p>
<p>Những năm qua, phong trào khuyến học, khuyến tài ở Kim Bảng được các cấp, ngành và nhân dân hưởng ứng tích cực. Nhiều dòng họ, thôn xóm lập quỹ khuyến học, hằng năm khen thưởng con em đạt thành tích cao, tạo động lực để các em phấn đấu.</p>
<table>
<thead><tr><th>Cấp học</th><th>Số suất học bổng</th></tr></thead>
<tbody>
<tr><td>Tiểu học</td><td>60</td></tr>
<tr><td>Trung học cơ sở</td><td>55</td></tr>
<tr><td>Trung học phổ thông</td><td>35</td></tr>
</tbody>
</table>
<p>Tại buổi lễ, em Lê Minh Khang, học sinh lớp 8 ở xã Khả Phong, xúc động cảm ơn và hứa sẽ cố gắng học tập thật tốt, không phụ sự quan tâm của thầy cô, gia đình và các nhà hảo tâm./.</p>
""",
        photos=(
            DemoPhoto(
                "award",
                "Lãnh đạo huyện và đại diện doanh nghiệp trao học bổng cho học sinh.",
                "Một hàng người đứng trên sân khấu trước phông đỏ, tay cầm phong bì và hoa, phía dưới là các hàng ghế khán giả.",
            ),
            DemoPhoto(
                "meeting",
                "Học sinh và phụ huynh dự lễ trao học bổng.",
                "Hội trường với bàn chủ tọa phủ khăn trắng, băng rôn đỏ phía trên, nhiều người ngồi theo hàng ghế quay về phía sân khấu.",
            ),
        ),
    ),
    DemoArticle(
        title="Thị trấn Ba Sao ra mắt tuyến phố văn minh đô thị",
        category="Tin cơ sở",
        days_ago=25,
        time="14:00",
        lead="Ngày {date}, UBND thị trấn Ba Sao ra mắt tuyến phố văn minh đô thị đầu tiên trên địa bàn, dài gần 1 km, đi qua hai tổ dân phố.",
        body="""
<p>Để xây dựng tuyến phố, thị trấn đã vận động các hộ kinh doanh không lấn chiếm vỉa hè, lòng đường; làm biển hiệu đồng bộ; trồng cây xanh, hoa và đặt thùng rác phân loại ở nơi công cộng. Hệ thống đèn chiếu sáng và camera an ninh được đầu tư bằng nguồn xã hội hóa với sự đóng góp của nhân dân và doanh nghiệp.</p>
<p>Các hộ dân trên tuyến phố đã ký cam kết thực hiện nếp sống văn minh: giữ vệ sinh trước cửa nhà, để xe đúng nơi quy định, không dùng loa công suất lớn gây ồn sau 22 giờ và cùng tổng vệ sinh vào sáng thứ Bảy hằng tuần.</p>
<p>Bà Đỗ Thị Mai, tổ trưởng tổ dân phố, cho biết: “Trước đây vỉa hè bị chiếm làm chỗ bán hàng, người đi bộ phải xuống lòng đường. Giờ phố sạch, thoáng hơn nhiều, chính các hộ kinh doanh cũng thấy khách đến đông hơn”.</p>
<p>Thị trấn đặt mục tiêu đến cuối năm sau nhân rộng mô hình ra tất cả các tuyến đường chính, gắn với phong trào <strong>“Toàn dân đoàn kết xây dựng đời sống văn hóa”</strong>./.</p>
""",
        photos=(
            DemoPhoto(
                "village",
                "Tuyến phố văn minh đô thị tại thị trấn Ba Sao.",
                "Dãy nhà hai, ba tầng mái ngói đỏ dọc con đường sạch sẽ, có băng rôn đỏ treo phía trên, nhiều người đứng trên đường.",
            ),
            DemoPhoto(
                "country_road",
                "Hàng cây xanh mới trồng dọc tuyến đường vào trung tâm thị trấn.",
                "Đường nhựa có vạch kẻ trắng chạy thẳng giữa hai hàng cây xanh, xa xa là núi đá.",
            ),
        ),
    ),
    DemoArticle(
        title="Liên kết sản xuất lúa chất lượng cao, nông dân yên tâm đầu ra",
        category="Nông nghiệp",
        days_ago=27,
        time="09:15",
        lead="Ngày {date}, Hợp tác xã nông nghiệp xã Đồng Hóa ký hợp đồng liên kết sản xuất và bao tiêu lúa chất lượng cao với một doanh nghiệp chế biến gạo trên diện tích 120 ha.",
        body="""
<p>Theo hợp đồng, doanh nghiệp cung ứng giống, phân bón theo hình thức trả chậm, cử cán bộ kỹ thuật hướng dẫn quy trình canh tác giảm phân bón hóa học, tăng phân hữu cơ và cam kết thu mua toàn bộ sản phẩm với giá cao hơn giá thị trường từ 5 đến 8%. Hợp tác xã tổ chức sản xuất tập trung, thống nhất về giống, lịch thời vụ và giám sát việc ghi nhật ký đồng ruộng.</p>
<p>Mô hình giúp nông dân giảm chi phí đầu vào khoảng 1,5 triệu đồng mỗi héc-ta so với sản xuất thông thường và không còn lo cảnh được mùa mất giá. Gạo của vùng liên kết được đóng gói, dán nhãn, truy xuất nguồn gốc bằng mã QR và đang hướng tới đạt chuẩn sản phẩm OCOP.</p>
<h2>Hướng đi tất yếu</h2>
<p>Lãnh đạo Phòng Kinh tế huyện đánh giá liên kết theo chuỗi giá trị là hướng đi tất yếu để nâng thu nhập cho nông dân khi diện tích đất nông nghiệp ngày càng thu hẹp. Huyện sẽ tiếp tục hỗ trợ một phần kinh phí mua giống, xây dựng thương hiệu và kết nối tiêu thụ, phấn đấu mỗi xã có ít nhất một vùng sản xuất lúa hàng hóa tập trung./.</p>
""",
        photos=(
            DemoPhoto(
                "paddy",
                "Cánh đồng lúa chất lượng cao trong vùng liên kết tại xã Đồng Hóa.",
                "Ruộng lúa xanh mướt chia thành những hàng thẳng, vài nông dân đội nón lá đứng giữa ruộng, phía sau là hàng cây và núi đá.",
            ),
            DemoPhoto(
                "paddy",
                "Cán bộ kỹ thuật của hợp tác xã cùng nông dân kiểm tra sinh trưởng của lúa.",
                "Mấy người đứng giữa cánh đồng lúa xanh dưới bầu trời có mây, xa xa là dãy núi.",
                "Thu Hà",
            ),
        ),
    ),
)
