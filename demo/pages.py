"""The demo's pages: an introduction of the district with its own pages, a contact page and an
English introduction (Decree 42/2022 asks for the organisation and contacts in English too).
Invented for the demonstration, in the words an editor of the station might write."""

from dataclasses import dataclass

from .articles import DemoPhoto


@dataclass(frozen=True)
class DemoPage:
    title: str
    slug: str
    lead: str
    body: str
    language: str = "vi"
    children: tuple["DemoPage", ...] = ()
    photo: DemoPhoto | None = None  # placed after the first paragraph


PAGES = (
    DemoPage(
        "Giới thiệu",
        "gioi-thieu",
        "Thông tin chung về huyện Kim Bảng và Đài Truyền thanh huyện.",
        """
<p>Kim Bảng là huyện nằm ở phía tây bắc tỉnh Hà Nam, có sông Đáy chảy qua và dãy núi đá vôi
chạy dọc phía tây. Nhân dân trong huyện sống chủ yếu bằng nông nghiệp, sản xuất vật liệu xây
dựng và các nghề thủ công truyền thống.</p>
<p>Đài Truyền thanh huyện là đơn vị sự nghiệp trực thuộc Ủy ban nhân dân huyện, có nhiệm vụ
thông tin, tuyên truyền chủ trương của Đảng, chính sách, pháp luật của Nhà nước và các hoạt
động của địa phương đến mọi người dân.</p>
""",
        photo=DemoPhoto(
            "river",
            "Sông Đáy chảy qua địa phận huyện, bên kia sông là dãy núi đá vôi",
            "Dòng sông rộng giữa hai bờ cây xanh, phía xa là núi",
        ),
        children=(
            DemoPage(
                "Lịch sử",
                "lich-su",
                "Những mốc chính trong quá trình hình thành và phát triển của huyện.",
                """
<p>Vùng đất Kim Bảng có lịch sử lâu đời, gắn với nhiều di tích đình, chùa và lễ hội truyền
thống được nhân dân gìn giữ qua nhiều thế hệ.</p>
<p>Trong các cuộc kháng chiến, nhân dân trong huyện đã đóng góp sức người, sức của cho tiền
tuyến. Ngày nay, huyện tập trung phát triển kinh tế, xây dựng nông thôn mới và chuyển đổi số
trong các cơ quan, đơn vị.</p>
""",
            ),
            DemoPage(
                "Cơ cấu tổ chức",
                "co-cau-to-chuc",
                "Lãnh đạo và các bộ phận của Đài Truyền thanh huyện.",
                """
<p>Đài có Giám đốc, Phó Giám đốc và các bộ phận chuyên môn:</p>
<ul>
<li><strong>Bộ phận biên tập:</strong> viết tin, bài, biên tập chương trình phát thanh và nội
dung cổng thông tin.</li>
<li><strong>Bộ phận kỹ thuật:</strong> vận hành hệ thống truyền thanh và thiết bị ghi âm.</li>
<li><strong>Bộ phận hành chính:</strong> văn thư, kế toán và các công việc chung.</li>
</ul>
""",
                photo=DemoPhoto(
                    "office",
                    "Phòng biên tập của Đài Truyền thanh huyện",
                    "Phòng làm việc có bàn máy tính và tủ hồ sơ",
                ),
            ),
            DemoPage(
                "Introduction",
                "introduction",
                "Kim Bang district and its radio station, in English.",
                """
<p>Kim Bang is a district in the north-west of Ha Nam province, in the Red River Delta of
Viet Nam. The Day River runs through it, and a range of limestone hills lines its western
side.</p>
<p>The district radio station, under the District People's Committee, broadcasts local news
and public information every day and publishes this portal.</p>
<h2>Contact</h2>
<p>District Radio Station, Que town, Kim Bang district, Ha Nam province, Viet Nam.</p>
""",
                language="en",
            ),
        ),
    ),
    DemoPage(
        "Liên hệ",
        "lien-he",
        "Địa chỉ, điện thoại và thư điện tử của Đài Truyền thanh huyện.",
        """
<p>Bạn đọc gửi tin, bài, ý kiến phản ánh hoặc cần liên hệ với Đài xin gửi về:</p>
<ul>
<li>Địa chỉ: Thị trấn Quế, huyện Kim Bảng, tỉnh Hà Nam.</li>
<li>Điện thoại: 0226 3820 000 (số mẫu).</li>
<li>Thư điện tử: toasoan@kimbang.example (địa chỉ mẫu).</li>
</ul>
<p>Giờ làm việc: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ, từ thứ Hai
đến thứ Sáu.</p>
""",
    ),
)

# The main menu of the demo: the top-level categories, then these pages.
MENU_PAGES = ("gioi-thieu", "lien-he")
