"""The demo's radio programmes and broadcasts (invented; their audio is a synthesised jingle,
demo/audio.py)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class DemoBroadcast:
    programme: str  # slug
    number: int
    days_ago: int
    time: str
    seconds: int
    summary: str
    transcript: str = ""


PROGRAMMES = (
    DemoProgramme(
        "Chương trình phát thanh",
        "chuong-trinh-phat-thanh",
        "Tin tức, sự kiện trong huyện, phát lúc 17 giờ hằng ngày trên hệ thống truyền thanh.",
    ),
    DemoProgramme(
        "Bản tin nông nghiệp",
        "ban-tin-nong-nghiep",
        "Lịch thời vụ, phòng trừ sâu bệnh và kinh nghiệm sản xuất cho bà con nông dân.",
    ),
)

BROADCASTS = (
    DemoBroadcast(
        "chuong-trinh-phat-thanh",
        45,
        0,
        "17:00",
        14,
        """Huyện tổng kết công tác phòng, chống thiên tai năm nay
Các xã ra quân làm đường giao thông nông thôn
Thông báo lịch tiếp công dân tháng tới""",
        """Đây là Đài Truyền thanh huyện. Mời bà con nghe chương trình phát thanh chiều nay.

Sáng nay, Ban Chỉ huy phòng chống thiên tai huyện họp tổng kết công tác năm. Các xã đã chủ
động kiểm tra đê điều, chuẩn bị vật tư và lực lượng tại chỗ.

Chương trình phát thanh của Đài Truyền thanh huyện đến đây là hết. Cảm ơn bà con đã lắng nghe.""",
    ),
    DemoBroadcast(
        "chuong-trinh-phat-thanh",
        44,
        1,
        "17:00",
        12,
        """Hội nghị giao ban công tác chuyển đổi số quý IV
Trường học trong huyện hưởng ứng tuần lễ học tập suốt đời""",
    ),
    DemoBroadcast(
        "ban-tin-nong-nghiep",
        12,
        2,
        "06:30",
        10,
        """Lịch gieo cấy vụ xuân
Phòng bệnh cho đàn gia súc khi trời rét""",
    ),
    DemoBroadcast(
        "ban-tin-nong-nghiep",
        11,
        9,
        "06:30",
        10,
        """Thu hoạch lúa mùa và làm đất trồng cây vụ đông
Cách ủ rơm rạ làm phân bón hữu cơ""",
    ),
)
