"""Demo data for the portal: the station's identity, the category tree and the accounts.

Everything here is invented for the demonstration (contact details are placeholders) and is in
Vietnamese because it stands for what an editor would type in the admin.
"""

from dataclasses import dataclass

from news import roles

SITE = {
    "portal_name": "Cổng thông tin điện tử huyện Kim Bảng",
    "station_name": "Đài Truyền thanh huyện Kim Bảng",
    "tagline": "Tin tức, sự kiện và thông tin của chính quyền địa phương",
    "responsible_body": "Cơ quan chủ quản: Ủy ban nhân dân huyện Kim Bảng, tỉnh Hà Nam",
    "address": "Thị trấn Quế, huyện Kim Bảng, tỉnh Hà Nam",
    "phone": "0226 3820 000",
    "email": "toasoan@kimbang.example",
    "licence": "Khi phát hành lại thông tin từ cổng thông tin này, đề nghị ghi rõ nguồn “Đài Kim Bảng”.",
    # Demo values: a station enters its own person and licence.
    "responsible_person": "Giám đốc Đài Truyền thanh huyện (dữ liệu mẫu)",
    "permit": "Giấy phép thiết lập trang thông tin điện tử số 00/GP-TTĐT (dữ liệu mẫu)",
}
# The footer's links to other state portals (a station keeps its own list in the admin).
FOOTER_LINKS = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Cổng thông tin điện tử tỉnh Hà Nam", "https://hanam.gov.vn"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
]
LOGO_INITIALS = "KB"

SOURCE = "Đài Kim Bảng"
# The photographer: the photo template adds "Ảnh:" before it.
CREDIT = "Đài Kim Bảng"


@dataclass(frozen=True)
class DemoCategory:
    name: str
    order: int
    description: str = ""
    children: tuple["DemoCategory", ...] = ()


CATEGORIES = (
    DemoCategory(
        "Tin tức - Sự kiện",
        1,
        "Hoạt động của các cơ quan, đoàn thể và các xã, thị trấn trong huyện.",
        (
            DemoCategory("Chính trị", 1),
            DemoCategory("An ninh - Quốc phòng", 2),
            DemoCategory("Tin cơ sở", 3),
        ),
    ),
    DemoCategory(
        "Kinh tế",
        2,
        "Sản xuất nông nghiệp, công nghiệp, dịch vụ và xây dựng nông thôn mới.",
        (
            DemoCategory("Nông nghiệp", 1),
            DemoCategory("Công nghiệp - Dịch vụ", 2),
            DemoCategory("Nông thôn mới", 3),
        ),
    ),
    DemoCategory(
        "Văn hóa - Xã hội",
        3,
        "Giáo dục, y tế, văn hóa, thể thao và đời sống của nhân dân.",
        (
            DemoCategory("Giáo dục", 1),
            DemoCategory("Y tế", 2),
            DemoCategory("Văn hóa - Thể thao", 3),
        ),
    ),
    DemoCategory(
        "Chuyển đổi số",
        4,
        "Chính quyền số, dịch vụ công trực tuyến và kỹ năng số cho người dân.",
    ),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    group: str | None
    first_name: str
    last_name: str
    is_superuser: bool = False


# The passwords are published on purpose (load_demo prints them after every run): the
# command refuses to run with DEBUG off, so they never reach a live site by accident.
ACCOUNTS = (
    DemoAccount("admin", "KimBang@2026-qt", "Quản trị hệ thống", None, "Quản trị", "", True),
    DemoAccount("phongvien", "KimBang@2026-pv", roles.REPORTER, roles.REPORTER, "Thu Hà", "Nguyễn"),
    DemoAccount("bientap", "KimBang@2026-bt", roles.EDITOR, roles.EDITOR, "Minh Tuấn", "Trần"),
    DemoAccount("lanhdao", "KimBang@2026-ld", roles.PUBLISHER, roles.PUBLISHER, "Văn Hùng", "Lê"),
)
AUTHOR = "phongvien"

# The block that `load_demo` prints at the end.
NOTICE = {
    "loaded": "Đã nạp dữ liệu mẫu: {articles} bài viết, {photos} ảnh, {categories} chuyên mục, {pages} trang, {broadcasts} buổi phát thanh.",
    "skipped": "Cơ sở dữ liệu đã có bài viết nên không nạp thêm dữ liệu mẫu (dùng --reset để nạp lại).",
    "site": "Trang công khai:",
    "admin": "Trang quản trị:",
    "accounts": "Tài khoản thử nghiệm (mật khẩu công khai, chỉ dùng trên máy phát triển):",
    "columns": ("Vai trò", "Tên đăng nhập", "Mật khẩu"),
}
