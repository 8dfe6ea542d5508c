"""Boilerplate removal from plain text: invented pages with every kind of furniture, and the
sample corpus (../shared/corpora/idlib-2020, skipped where absent)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsprism.clean import CleanedText, clean_text
from newsprism.clean.model import MODEL_PATH
from newsprism.models import Outlet, RemovedLine

IDLIB = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "idlib-2020"

HEADLINE = "Harbour bridge in Velmora reopens after two years of repairs"
STANDFIRST = "City engineers say the crossing is safe for lorries again, though tolls will rise in spring"
BODY = [
    "The old harbour bridge in Velmora reopened to traffic on Tuesday morning, two years after "
    "inspectors closed it when cracks were found in three of its steel girders.",
    '"We promised the people of the east bank that they would get their bridge back, and today '
    'they have it," the mayor, Ilse Markova, told a crowd gathered at the toll gate.',
    "The repairs cost 41 million crowns, nearly twice the first estimate, after divers found that "
    "the foundations of the central pier had been weakened by decades of tidal scouring.",
    "Tolls and traffic",
    "Drivers will pay the old toll until March, when the fee for lorries is due to double. "
    "Hauliers' groups said the rise would push freight onto the longer coastal road.",
    "“It is a fair price for a bridge that will not fall down,” said Tomas Brenn, who has run a "
    "ferry service across the harbour since the closure and now expects to lose most of his trade.",
]

MENU = ["Home", "World", "Business", "Sport"]
FURNITURE_TOP = [
    ("icon bookmark-bicon cameraicon chevron downicon chevron upicon closeicon fbicon searchicon "
     "shareicon twicon", "icon names"),
    ("Your daily window on the harbour towns, with news, analysis and live coverage.", None),
    ("Sign in", "subscribe/sign-in prompt"),
    ("10:42 - 03/11/2021 Tuesday", "timestamp"),
    ("Update: 11:05 - 03/11/2021 Tuesday", "timestamp"),
    ("5 Nov, 2021 09:12", "timestamp"),
]
FURNITURE_BOTTOM = [
    ("Also on velmoranews.example Ferry owners ask the council for compensation", "related article"),
    ("#Velmora", "hashtags"),
    ("#Infrastructure", "hashtags"),
    ("3 years ago", "relative age"),
    ("Think your friends would be interested? Share this story!", "share prompt"),
    ("Share this article", "share prompt"),
    ("Newsfeed", "comment widget"),
    ("0", "counter"),
    ("To participate in the discussion", "comment widget"),
    ("log in or register", "comment widget"),
    ("loader", "comment widget"),
    ("Subscribe", "subscribe/sign-in prompt"),
    ("Комментарии к материалу", "interface text in another script"),
]


def invented_page() -> str:
    """A scraped page as plain text: menu and header furniture, headline, standfirst, a photo
    credit and caption, body paragraphs with quotes and a subheading, a related-article picture
    with its teaser, and footer furniture."""
    lines = [*MENU, ""]
    lines += [text for text, _ in FURNITURE_TOP[:3]] + ["", HEADLINE, "", STANDFIRST, ""]
    lines += [text for text, _ in FURNITURE_TOP[3:]] + [""]
    lines += ["© Photo / Anna Kovacs. Traffic crosses the reopened bridge at dawn",
              "Traffic crosses the reopened bridge at dawn - Velmora Courier", ""]
    for paragraph in BODY[:4]:
        lines += [paragraph, ""]
    lines += ["Fishing boats wait at the old quay in Velmora - Velmora Courier",
              "Why the Quay Fishermen Want a Second Bridge", ""]
    for paragraph in BODY[4:]:
        lines += [paragraph, ""]
    lines += [HEADLINE, ""]
    lines += [text for text, _ in FURNITURE_BOTTOM]
    return "\n".join(lines)


def removed_reasons(result: CleanedText) -> dict[str, str]:
    return {line.text: line.reason for line in result.removed}


@pytest.fixture(params=[True, False], ids=["model", "rules"])
def cleaned(request) -> CleanedText:
    outlet = Outlet("velmoracourier", "Velmora Courier")
    return clean_text(invented_page(), title=HEADLINE, outlet=outlet, use_model=request.param)


def test_body_paragraphs_quotes_subheading_and_standfirst_are_kept(cleaned):
    for paragraph in BODY:
        assert paragraph in cleaned.paragraphs
    assert STANDFIRST in cleaned.paragraphs
    # kept in their order, and nothing else between them
    assert cleaned.paragraphs == [STANDFIRST, *BODY]
    assert cleaned.text == "\n\n".join(cleaned.paragraphs)


def test_each_kind_of_furniture_goes_with_its_reason(cleaned):
    reasons = removed_reasons(cleaned)
    for text, reason in FURNITURE_TOP + FURNITURE_BOTTOM:
        assert text in reasons, text
        if reason:
            assert reasons[text] == reason, text
    assert reasons["© Photo / Anna Kovacs. Traffic crosses the reopened bridge at dawn"] == "photo credit"
    assert reasons["Traffic crosses the reopened bridge at dawn - Velmora Courier"] == "photo caption"
    assert reasons["Fishing boats wait at the old quay in Velmora - Velmora Courier"] == "photo caption"
    assert reasons["Why the Quay Fishermen Want a Second Bridge"] == "related article"
    for item in MENU:
        assert item in reasons


def test_headline_and_its_repeat_are_named(cleaned):
    headline_reasons = [r.reason for r in cleaned.removed if r.text == HEADLINE]
    assert headline_reasons == ["headline", "repeated headline"]


def test_removed_lines_are_in_input_order(cleaned):
    page_lines = [line.strip() for line in invented_page().splitlines() if line.strip()]
    at = -1
    for r in cleaned.removed:  # each removed line is found after the previous one
        at = page_lines.index(r.text, at + 1)
    assert all(isinstance(r, RemovedLine) and r.reason for r in cleaned.removed)
    assert len(cleaned.removed) + len(cleaned.paragraphs) == len(page_lines)


def test_title_matches_despite_quotes_case_and_spacing():
    text = "Mayor ‘Pledges’ New Ferry Line\n\nThe mayor pledged on Friday that a new ferry line " \
           "would link the two banks of the harbour before the summer season begins."
    result = clean_text(text, title='mayor  "pledges" new ferry line', use_model=False)
    assert removed_reasons(result) == {"Mayor ‘Pledges’ New Ferry Line": "headline"}


def test_outlet_name_lines_and_captions_need_the_outlet():
    page = ("Velmora Courier\n\nThe council met on Monday to discuss the budget for the coming year "
            "and agreed to spend more on the harbour walls.\n\n"
            "Council members vote on the budget - Velmora Courier")
    result = clean_text(page, outlet=Outlet("velmoracourier", "Velmora Courier"), use_model=False)
    assert removed_reasons(result) == {"Velmora Courier": "outlet name",
                                       "Council members vote on the budget - Velmora Courier":
                                           "photo caption"}


def test_a_caption_signed_twice_by_the_site_is_a_caption_without_knowing_the_outlet():
    page = ("- Harbour Herald\n\nA crane toppled at the container terminal on Sunday, injuring two "
            "dock workers, the port authority said in a statement.\n\n"
            "The crane lies across the quay - Harbour Herald\n\n"
            "Investigators said high winds were the most likely cause of the accident.")
    reasons = removed_reasons(clean_text(page, use_model=False))
    assert reasons["The crane lies across the quay - Harbour Herald"] == "photo caption"


def test_short_sentences_and_in_body_subheadings_survive_the_model():
    page = "\n\n".join([BODY[0], "What happens next", BODY[2], "He declined to comment.", BODY[4]])
    result = clean_text(page)
    assert result.paragraphs == [BODY[0], "What happens next", BODY[2], "He declined to comment.",
                                 BODY[4]]


def test_reader_comments_between_comment_headers_go():
    comments = []
    for number, name in enumerate(["harbourfan", "eastbank_joe", "marta99"], start=1):
        comments += [f"{number}. {name} says:", "November 3, 2021 at 9:14 am",
                     "About time, the detour added an hour to my commute every single day."]
    page = "\n".join([BODY[0], BODY[1], BODY[2], *comments])
    reasons = removed_reasons(clean_text(page, use_model=False))
    assert reasons["1. harbourfan says:"] == "comment header"
    assert reasons["About time, the detour added an hour to my commute every single day."] == \
        "reader comment"


def test_a_short_text_keeps_its_sentences():
    for text in ("The council approved the harbour budget on Monday.",
                 "Home\nNews\nThe council approved the harbour budget on Monday."):
        assert clean_text(text).paragraphs == ["The council approved the harbour budget on Monday."]


def test_a_gutted_article_is_restored():
    """Even where the model doubts them, the page's run of paragraphs is not all dropped."""
    menu = "\n".join(f"• {word}" for word in ["Home", "News", "Sport", "Weather", "Culture"] * 4)
    page = menu + "\n\n" + "\n\n".join(BODY[:3]) + "\n\n" + menu
    result = clean_text(page)
    for paragraph in BODY[:3]:
        assert paragraph in result.paragraphs


def test_empty_and_blank_text():
    for text in ("", "\n\n  \n"):
        result = clean_text(text)
        assert result.text == "" and result.paragraphs == [] and result.removed == []


def test_shipped_model_holds_no_page_text():
    """The model file holds numbers, feature names and a general stop-word list only."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    model = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert set(model["stopwords"]) <= set(ENGLISH_STOP_WORDS)
    allowed = set(model["features"]) | {model["format"]}

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    for value in strings({k: v for k, v in model.items() if k != "stopwords"}):
        assert value in allowed or re.fullmatch(r"[a-z0-9_]+", value), value


# --- the sample corpus ---------------------------------------------------------------------------

_TERMINAL = re.compile(r"[.!?…]['\"’”»)]*$")
_NON_LATIN = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\u4e00-\u9fff]")


def _idlib_files() -> list[Path]:
    if not IDLIB.is_dir():
        pytest.skip(f"sample corpus not found at {IDLIB} (../shared is absent)")
    return sorted(IDLIB.glob("*.txt"))


def _titles_and_outlets(text: str):
    """Clean both without metadata and with the metadata module's title and outlet."""
    yield None, None
    try:
        from newsprism.metadata import extract_metadata
    except ImportError:
        return
    meta = extract_metadata(text)
    yield meta.title, meta.outlet


@pytest.mark.shared
def test_sample_corpus_keeps_every_paragraph_and_drops_the_furniture():
    kinds: set[str] = set()
    for path in _idlib_files():
        text = path.read_text(encoding="utf-8")
        raw = [line.strip() for line in text.splitlines() if line.strip()]
        long_sentences = [line for line in raw if len(line.split()) >= 25 and _TERMINAL.search(line)]
        assert long_sentences, path.name
        for title, outlet in _titles_and_outlets(text):
            result = clean_text(text, title=title, outlet=outlet)
            kept = result.paragraphs
            where = f"{path.name} (title={title!r})"
            for line in long_sentences:  # every body paragraph survives
                assert line in kept, where
            assert len(kept) >= len(long_sentences)
            for line in kept:
                assert not line.startswith("#"), where               # hashtags
                assert len(line.split()) >= 3, (where, line)          # labels, counters, widgets
                assert not _NON_LATIN.search(line), (where, line)     # interface in another script
                assert not re.search(r"\bago$", line), (where, line)  # relative ages
                assert not re.match(r"^(also on|©)", line, re.I), (where, line)
                assert "share this" not in line.lower(), (where, line)
                if title:
                    assert line != title, where
            for a, b in zip(kept, kept[1:]):
                assert a != b, where                                  # doubled captions/headlines
            removed = [r.text for r in result.removed]
            assert len(removed) + len(kept) == len(raw), where
            kinds.update(r.reason for r in result.removed)
    for kind in ("hashtags", "timestamp", "share prompt", "comment widget", "photo caption",
                 "photo credit", "related article", "relative age", "icon names",
                 "interface text in another script"):
        assert kind in kinds, kind


@pytest.mark.shared
def test_sample_corpus_standfirsts_survive_with_the_headline_known():
    """A short summary sentence right under a known headline is kept (the lede of the article)."""
    from newsprism.clean.page import split_page
    from newsprism.clean.rules import is_sentence_like, page_reasons

    try:
        from newsprism.metadata import extract_metadata
    except ImportError:
        pytest.skip("newsprism.metadata is not available")
    checked = 0
    for path in _idlib_files():
        text = path.read_text(encoding="utf-8")
        meta = extract_metadata(text)
        if not meta.title:
            continue
        infos = split_page(text).infos
        at = next((i for i, info in enumerate(infos) if info.text == meta.title), None)
        if at is None or at + 1 >= len(infos) or not is_sentence_like(infos[at + 1], 8):
            continue
        if page_reasons(infos, title=meta.title, outlet=meta.outlet)[at + 1] is not None:
            continue  # a caption or credit, not a standfirst
        result = clean_text(text, title=meta.title, outlet=meta.outlet)
        assert infos[at + 1].text in result.paragraphs, path.name
        checked += 1
    assert checked >= 2
