"""Pages, CSV and JSON go out gzipped to clients that accept it; cached public pages and
streamed exports too; files that are compressed already (XLSX) go out as they are."""

import gzip

from django.urls import reverse

from tests.applications.support import make_application


def _vary(response) -> set[str]:
    return {v.strip() for v in response.get("Vary", "").split(",") if v.strip()}


def test_a_60_row_hr_list_is_gzipped_for_a_client_that_accepts_it(cast, client_for):
    for i in range(60):
        make_application(cast.program, cast.org_a, full_name=f"Person {i:03d}")
    client = client_for("hr_a")
    url = reverse("applications:hr_list", kwargs={"slug": cast.program.slug})
    plain = client.get(url)
    zipped = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in _vary(zipped)
    page = gzip.decompress(zipped.content).decode()
    assert "Visar 1–50 av 60" in page
    assert page.count('name="bulk-applications"') == 50
    assert len(zipped.content) * 4 < len(plain.content)


def test_the_cached_public_page_is_gzipped_and_varies_by_encoding_too(client, cast):
    url = cast.program.get_absolute_url()
    first = client.get(url, headers={"accept-encoding": "gzip"})
    second = client.get(url, headers={"accept-encoding": "gzip"})
    without = client.get(url)
    # The cache keeps the compressed copy and a plain one: each is rendered once.
    assert (first["X-Page-Cache"], second["X-Page-Cache"], without["X-Page-Cache"]) == (
        "miss",
        "hit",
        "miss",
    )
    for response in (first, second):
        assert response["Content-Encoding"] == "gzip"
        assert _vary(response) >= {"Cookie", "Accept-Language", "Accept-Encoding"}
        assert response["Cache-Control"] == "public, max-age=60"
        assert dict(response.cookies) == {}
    assert "Content-Encoding" not in without
    assert gzip.decompress(second.content) == without.content
    assert cast.program.title in without.content.decode()


def test_a_streamed_csv_export_is_gzipped_as_it_streams(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="Anna Mentor")
    client = client_for("hr_a")
    url = reverse(
        "applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "csv"}
    )
    plain = b"".join(client.get(url).streaming_content)
    zipped = client.get(url, headers={"accept-encoding": "gzip"})
    assert zipped.streaming
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(zipped.streaming_content)) == plain


def test_an_xlsx_export_is_sent_as_it_is(cast, client_for):
    make_application(cast.program, cast.org_a, full_name="Anna Mentor")
    response = client_for("hr_a").get(
        reverse(
            "applications:hr_export", kwargs={"slug": cast.program.slug, "file_format": "xlsx"}
        ),
        headers={"accept-encoding": "gzip"},
    )
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content)[:2] == b"PK"  # a zip, as XLSX files are


def test_the_compression_sits_below_whitenoise_and_above_sessions():
    from django.conf import settings

    order = settings.MIDDLEWARE
    gzip_at = order.index("revmentor.core.middleware.CompressionMiddleware")
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < gzip_at
    assert gzip_at < order.index("django.contrib.sessions.middleware.SessionMiddleware")
    # The public page cache answers above compression: it keeps the compressed copy.
    assert order.index("revmentor.core.pagecache.PublicPageCacheMiddleware") < gzip_at
