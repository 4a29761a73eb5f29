"""What is kept of an uploaded photo: the picture, upright, without where and how it was taken."""

import io

import pytest
from PIL import Image

from backend import uploads
from backend.errors import Invalid
from tests import factories


def _stored(db, content):
    [file_id] = uploads.store(db, [uploads.Upload("x", content)], owner="test:uploads", max_count=1)
    return uploads.read(db, file_id, owner="test:uploads")


def test_a_phone_photos_place_and_device_are_not_kept(db):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"                                    # make
    exif[0x013B] = "张三"                                           # artist
    exif[0x8825] = {1: "N", 2: (23.0, 7.0, 30.0), 3: "E", 4: (113.0, 19.0, 45.0)}  # GPS
    for kind, mime in (("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")):
        content, stored_type = _stored(db, factories.photo(kind, exif=exif))
        assert stored_type == mime
        with Image.open(io.BytesIO(content)) as kept:
            assert kept.size == (32, 24) and not dict(kept.getexif()), kind
        assert b"PhoneMaker" not in content


def test_a_jpeg_comment_is_not_kept(db):
    out = io.BytesIO()
    Image.new("RGB", (16, 16)).save(out, "JPEG", comment=b"taken by Zhang San, 13800001111")
    content, _ = _stored(db, out.getvalue())
    assert b"Zhang San" not in content and b"13800001111" not in content


def test_a_sideways_photo_is_kept_upright(db):
    exif = Image.Exif()
    exif[0x0112] = 6   # the camera was turned: show rotated 90° clockwise
    content, _ = _stored(db, factories.photo(size=(40, 20), exif=exif))
    with Image.open(io.BytesIO(content)) as kept:
        assert kept.size == (20, 40)


def test_a_cmyk_jpeg_is_kept_as_a_picture(db):
    out = io.BytesIO()
    Image.new("CMYK", (16, 16)).save(out, "JPEG")
    content, stored_type = _stored(db, out.getvalue())
    assert stored_type == "image/jpeg" and Image.open(io.BytesIO(content)).mode == "RGB"


@pytest.mark.parametrize("content, message", [
    (b"\xff\xd8\xff\xe0" + b"0" * 500, "could not be read"),              # a JPEG header, then noise
    (factories.photo()[:200], "could not be read"),                       # cut short
])
def test_what_is_not_a_whole_picture_is_refused(content, message):
    with pytest.raises(Invalid, match=message):
        uploads.check([uploads.Upload("x.jpg", content)], max_count=1)


def test_a_small_file_declaring_a_huge_picture_is_refused():
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")   # 64 million pixels in a few kilobytes
    assert len(out.getvalue()) < 100_000
    with pytest.raises(Invalid, match="50 million pixels"):
        uploads.check([uploads.Upload("x.png", out.getvalue())], max_count=1)


def test_a_pdf_is_kept_as_sent(db):
    pdf = b"%PDF-1.4\n%test\n"
    [file_id] = uploads.store(db, [uploads.Upload("r.pdf", pdf)], owner="test:uploads", max_count=1,
                              allow_pdf=True)
    assert uploads.read(db, file_id, owner="test:uploads") == (pdf, "application/pdf")


@pytest.mark.parametrize("second, why", [
    (uploads.Upload("a.txt", b"just words"), "Only JPEG, PNG or WebP photos and PDF documents can be"),
    (uploads.Upload("b.jpg", b"\xff\xd8\xff\xe0" + b"0" * 500), "A photo could not be read"),
    (uploads.Upload("", b"just words"), "Only JPEG"),   # sent without a name: by its place
])
def test_a_refused_file_among_several_is_named(db, second, why):
    files = [uploads.Upload("red.jpg", factories.photo()), second]
    with pytest.raises(Invalid) as refused:
        uploads.store(db, files, owner="test:named", max_count=3, allow_pdf=True)
    name = second.filename or "#2"
    assert refused.value.translated(lambda text: text).startswith(f'The file "{name}" is refused. {why}')
    assert db.uploads.count_documents({"owner": "test:named"}) == 0   # nothing half-saved
