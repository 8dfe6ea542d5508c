"""The HTML route: body, title, date, site name and language from invented pages."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsprism.html import HtmlExtract, decode_html, extract_html, iso_date, meta_charset

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

PARAGRAPHS = [
    "The harbour authority of the coastal town of Marlow Bay said on Tuesday that the old "
    "lighthouse will reopen to visitors next spring after three years of repairs to its stone tower.",
    "Engineers replaced the corroded iron gallery and rebuilt the lantern room, which had been "
    "damaged by a storm that swept along the northern coast in the winter of the previous year.",
    "\u201cWe wanted the building to look exactly as it did a century ago,\u201d said the project's chief "
    "engineer, Dana Okafor, adding that most of the original glass had been saved and cleaned.",
    "The town council approved an extra budget of 1.2 million euros in March to finish the work, "
    "after surveyors found that the foundations needed more support than first expected.",
    "Local businesses expect the reopening to bring more tourists to the harbour, where several "
    "cafes and a small maritime museum have struggled since the tower was closed to the public.",
]

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Lighthouse to reopen after repairs | Coastal Courier</title>
  <meta property="og:title" content="Marlow Bay lighthouse to reopen next spring">
  <meta property="og:site_name" content="Coastal Courier">
  <meta property="article:published_time" content="2021-03-09T08:15:00+01:00">
  <meta property="article:modified_time" content="2021-03-11T17:40:00+01:00">
</head>
<body>
  <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
  <header>
    <nav class="main-menu"><ul>
      <li><a href="/">Home</a></li><li><a href="/news">News</a></li>
      <li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li>
      <li><a href="/subscribe">Subscribe now</a></li>
    </ul></nav>
  </header>
  <main>
    <article>
      <h1>Marlow Bay lighthouse to reopen next spring</h1>
      <div class="share-buttons">
        <a href="https://facebook.example/share">Share on Facebook</a>
        <a href="https://twitter.example/intent">Share on Twitter</a>
        <a href="mailto:?subject=x">Email this story</a>
      </div>
      <div class="article-body">
        {paragraphs}
      </div>
      <div class="related"><h3>Related stories</h3><ul>
        <li><a href="/a">Ferry timetable changes announced for the summer season</a></li>
        <li><a href="/b">New cycle path opens along the eastern cliffs</a></li>
      </ul></div>
    </article>
    <section id="comments" class="comments">
      <h3>Comments</h3>
      <div class="comment"><p>Reader42: About time! I used to climb that tower every summer as a kid.</p></div>
    </section>
  </main>
  <footer>
    <p>Copyright 2021 Coastal Courier Media Group. All rights reserved.</p>
    <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> <a href="/contact">Contact us</a>
  </footer>
</body>
</html>
""".replace("{paragraphs}", "\n        ".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def test_news_page_body_without_furniture():
    page = extract_html(NEWS_PAGE, url="https://courier.example/news/lighthouse-reopens")
    assert isinstance(page, HtmlExtract)
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    # one paragraph a line, in page order
    lines = page.text.split("\n")
    assert lines.index(PARAGRAPHS[0]) < lines.index(PARAGRAPHS[-1])
    for furniture in ("Share on Facebook", "Subscribe now", "Privacy policy", "All rights reserved",
                      "Accept all cookies", "Reader42", "Ferry timetable"):
        assert furniture not in page.text


def test_news_page_metadata():
    page = extract_html(NEWS_PAGE, url="https://courier.example/news/lighthouse-reopens")
    assert page.title == "Marlow Bay lighthouse to reopen next spring"
    assert page.sitename == "Coastal Courier"
    # the original publication time with its zone, not the later modification
    assert page.published == "2021-03-09T08:15:00+01:00"
    assert page.language == "en"
    assert page.url == "https://courier.example/news/lighthouse-reopens"


def test_bytes_and_text_give_the_same_result():
    assert extract_html(NEWS_PAGE.encode("utf-8")) == extract_html(NEWS_PAGE)


RUSSIAN = [
    "Городской совет Северогорска в среду утвердил план строительства нового моста через реку, "
    "который должен соединить старый центр города с жилыми кварталами на левом берегу.",
    "По словам главы департамента транспорта, работы начнутся весной и займут около двух лет, "
    "а движение по старому мосту будет частично ограничено на время ремонта.",
    "Жители района давно жаловались на пробки в часы пик, и новый мост, как ожидается, "
    "сократит время в пути до центра почти вдвое.",
]


def _cp1251_page(declared: bool) -> bytes:
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">' if declared else ""
    body = "".join(f"<p>{p}</p>" for p in RUSSIAN)
    html = (f"<html><head>{meta}<title>Новый мост через реку</title></head>"
            f"<body><article><h1>Новый мост через реку</h1>{body}</article></body></html>")
    return html.encode("cp1251")


def test_legacy_cyrillic_page_declared_in_meta():
    page = extract_html(_cp1251_page(declared=True))
    for paragraph in RUSSIAN:
        assert paragraph in page.text
    assert page.title == "Новый мост через реку"
    assert page.language == "ru"


def test_legacy_page_charset_from_http_header():
    page = extract_html(_cp1251_page(declared=False), encoding="windows-1251")
    assert RUSSIAN[0] in page.text


def test_latin1_label_is_read_as_windows_1252():
    # browsers read "iso-8859-1" as windows-1252, whose curly quotes live in 0x80-0x9F
    text = "\u201cLe caf\u00e9 du port rouvre\u201d, a d\u00e9clar\u00e9 la maire \u00e0 la presse."
    html = f'<html><head><meta charset="ISO-8859-1"><title>x</title></head><body><p>{text}</p></body></html>'
    assert text in decode_html(html.encode("cp1252"))
    assert meta_charset(html.encode("cp1252")) == "ISO-8859-1"


def test_utf8_wins_over_a_wrong_declaration():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Zürich, café, naïve</p></body></html>'
    assert "Zürich, café, naïve" in decode_html(html.encode("utf-8"))


def test_undeclared_utf8_is_not_read_as_latin1():
    html = "<html><body><p>Ελληνικά και 日本語</p></body></html>"
    assert "Ελληνικά και 日本語" in decode_html(html.encode("utf-8"))


DATE_IN_TEXT_PAGE = """<html><head><title>Village fair draws record crowd</title></head>
<body><div class="story">
<h1>Village fair draws record crowd</h1>
<p class="byline">By Tom Reyes | Published 14 June 2019</p>
{paragraphs}
</div></body></html>""".replace("{paragraphs}", "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def test_date_from_the_visible_text():
    page = extract_html(DATE_IN_TEXT_PAGE)
    assert page.published == "2019-06-14"
    assert page.title == "Village fair draws record crowd"


def test_date_from_the_url_when_the_page_has_none():
    html = DATE_IN_TEXT_PAGE.replace(" | Published 14 June 2019", "")
    page = extract_html(html, url="https://news.example/2018/05/22/village-fair")
    assert page.published == "2018-05-22"


def test_no_date_gives_none():
    html = DATE_IN_TEXT_PAGE.replace(" | Published 14 June 2019", "")
    assert extract_html(html).published is None


def test_language_comes_from_the_text_not_the_template():
    french = [
        "Le conseil municipal a adopté mardi soir un nouveau plan pour les transports en commun, "
        "qui prévoit trois lignes de bus supplémentaires dès la rentrée de septembre.",
        "Selon la maire, ces lignes desserviront en priorité les quartiers situés au nord de la "
        "gare, où les habitants attendent depuis longtemps une meilleure liaison avec le centre.",
    ]
    html = ('<html lang="en"><head><title>Transports</title></head><body><article>'
            + "".join(f"<p>{p}</p>" for p in french) + "</article></body></html>")
    assert extract_html(html).language == "fr"


def test_page_without_article_body_raises():
    html = """<html><head><title>Menu</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/login">Log in</a></nav>
      <footer>Copyright 2020</footer></body></html>"""
    with pytest.raises(ValueError, match="no article body found in HTML"):
        extract_html(html)


@pytest.mark.parametrize("content, reason", [
    (b"", "empty page"),
    (b"   \n", "empty page"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "not an HTML page: PDF document"),
])
def test_unusable_input_raises_with_reason(content, reason):
    with pytest.raises(ValueError, match=reason):
        extract_html(content)


@pytest.mark.parametrize("value, expected", [
    ("2020-02-19T14:05:00+0300", "2020-02-19T14:05:00+03:00"),
    ("2020-02-19T14:05:00", "2020-02-19T14:05:00"),
    ("2020-02-19T00:00:00", "2020-02-19"),  # htmldate's filler for "no time"
    ("2020-02-19T00:00:00+0000", "2020-02-19T00:00:00+00:00"),  # a real midnight with a zone
    (None, None),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


@pytest.mark.shared
def test_benchmark_quality_at_least_trafilatura_default():
    """On the shared extraction benchmark the route scores at least trafilatura's default."""
    if not (SHARED / "bench" / "extraction" / "ground-truth.json").exists():
        pytest.skip(f"{SHARED}/bench/extraction is absent: the shared benchmark data is not here")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from html_route import run

    figures = run()
    assert figures["pages"] == 91
    assert figures["newsprism"]["failures"] == 0
    assert figures["newsprism"]["f1"] >= figures["trafilatura_default"]["f1"]
    assert figures["newsprism"]["f1"] >= 0.95


def test_benchmark_skips_without_shared_data(monkeypatch, tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import html_route

    monkeypatch.setattr(html_route, "EXTRACTION", tmp_path / "absent")
    figures = html_route.run()
    assert "skipped" in figures
