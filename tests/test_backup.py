"""Backup and restore round trip with docker/backup.sh, the script the compose `backup` service
runs, against the suite's PostgreSQL server (pg_dump and pg_restore of its major version).

Content and media are made, backed up, then restored into a new database and an empty media
folder (an empty stack, or one whose `migrate` service has already run): every row of every
table, every sequence and every media file must come back identical.
"""

import hashlib
import os
import re
import subprocess
import sys
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from news.models import Article, Photo, SiteSettings
from tests.deploy_support import (
    REPO,
    database_url,
    postgres_client_dir,
    production_environment,
    query,
    scratch_database,
    server_major_version,
)
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = REPO / "docker" / "backup.sh"


def run_script(*args, database, media_root, backup_dir=None):
    bin_dir = postgres_client_dir(server_major_version())
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "DATABASE_URL": database_url(database),
        "MEDIA_ROOT": str(media_root),
    }
    if backup_dir:
        env["BACKUP_DIR"] = str(backup_dir)
    return subprocess.run(
        ["bash", SCRIPT, *args], env=env, capture_output=True, text=True, timeout=120
    )


def database_content(database):
    """Every row of every table and the position of every sequence, comparable as a whole."""
    tables = query(
        database,
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    )
    content = {}
    for (table,) in tables:
        rows = query(database, f'SELECT row_to_json(t)::text FROM "{table}" t')
        content[table] = sorted(row for (row,) in rows)
    for (sequence,) in query(database, "SELECT sequence_name FROM information_schema.sequences"):
        content[f"sequence {sequence}"] = query(
            database, f'SELECT last_value, is_called FROM "{sequence}"'
        )
    return content


def media_checksums(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


def make_content():
    reporter = UserFactory(username="phongvien", is_staff=True)
    news = CategoryFactory(name="Tin tức - Sự kiện")
    defence = CategoryFactory(name="An ninh - Quốc phòng", parent=news)
    for n in range(3):
        article = ArticleFactory(
            category=defence if n % 2 else news,
            author=reporter,
            title=f"Huyện tổng kết công tác quốc phòng năm 202{n}",
            body=f"<p>Hội nghị lần thứ {n}.</p>",
        )
        for order in range(2):
            PhotoFactory(article=article, order=order, caption=f"Ảnh {order} của bài {n}")
        article.lead = "Lời dẫn đã sửa sau khi đăng."
        article.save()  # a second version of the article
    default_storage.save("uploads/anh-trong-bai.png", ContentFile(image_bytes(fmt="PNG")))
    site = SiteSettings.load()
    site.station_name = "Đài Kim Bảng"
    site.logo.save("logo.png", ContentFile(image_bytes(fmt="PNG")))


@pytest.fixture
def backed_up(settings, tmp_path):
    """Content, its media and one backup archive of both; the test database is the source."""
    make_content()
    media_root = settings.MEDIA_ROOT
    source = connection.settings_dict["NAME"]
    result = run_script("backup", database=source, media_root=media_root, backup_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    (archive,) = tmp_path.glob("portal-*.tar")
    assert re.fullmatch(r"portal-\d{8}T\d{6}Z\.tar", archive.name)
    assert not list(tmp_path.glob(".partial*"))
    return {
        "archive": archive,
        "content": database_content(source),
        "media": media_checksums(media_root),
        "titles": sorted(Article.objects.values_list("title", flat=True)),
        "photos": sorted(Photo.objects.values_list("image", flat=True)),
    }


def migrate(database):
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=REPO,
        env=production_environment(DATABASE_URL=database_url(database)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("stack", ["empty database", "database migrated by a new stack"])
def test_restore_brings_back_every_row_and_every_media_file(backed_up, tmp_path, stack):
    assert len(backed_up["titles"]) == 3 and len(backed_up["photos"]) == 6
    # The photos (and whatever is derived from them), the body image, the logo.
    assert {*backed_up["photos"], "uploads/anh-trong-bai.png"} <= backed_up["media"].keys()
    assert any(name.startswith("site/logo") for name in backed_up["media"])
    with scratch_database("restore") as target:
        if stack != "empty database":
            migrate(target)
        media_root = tmp_path / "restored-media"
        media_root.mkdir()
        (media_root / "left-over.txt").write_text("not in the backup")

        result = run_script("restore", backed_up["archive"], database=target, media_root=media_root)

        assert result.returncode == 0, result.stderr
        assert database_content(target) == backed_up["content"]
        titles = query(target, "SELECT title FROM news_article ORDER BY title")
        assert [title for (title,) in titles] == backed_up["titles"]
        images = query(target, "SELECT image FROM news_photo ORDER BY image")
        assert [image for (image,) in images] == backed_up["photos"]
        assert media_checksums(media_root) == backed_up["media"]


def test_a_damaged_archive_is_refused_and_changes_nothing(backed_up, tmp_path):
    archive = backed_up["archive"]
    with tarfile.open(archive) as tar:
        photo = next(m for m in tar.getmembers() if m.name.startswith("media/photos/"))
    data = bytearray(archive.read_bytes())
    data[photo.offset_data + photo.size // 2] ^= 0x01  # one flipped bit in one photo
    archive.write_bytes(bytes(data))

    with scratch_database("restore") as target:
        media_root = tmp_path / "restored-media"
        media_root.mkdir()
        (media_root / "kept.txt").write_text("still here")

        result = run_script("restore", archive, database=target, media_root=media_root)

        assert result.returncode != 0
        assert "damaged" in result.stderr
        assert query(target, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]
        assert media_checksums(media_root) == {
            "kept.txt": hashlib.sha256(b"still here").hexdigest()
        }
