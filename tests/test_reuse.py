"""Reuse detection: duplicates, near-duplicates, shared passages, incremental and restored runs.

All article texts here are invented for these tests; the sample corpus is read from ../shared.
"""
from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from newsprism.reuse import (ArticleSketch, ReuseDetector, ReuseSettings, compare, find_reuse,
                             passage_spans, shingle_sets, sketch_texts)
from newsprism.reuse import detector as detector_module
from newsprism.reuse.shingles import band_keys, band_layout

# An invented story: a chemical spill closes a port.
SPILL = [
    "Port Velinde closes northern docks after chemical spill",
    "The harbour authority of Port Velinde closed its northern docks on Tuesday after a tanker "
    "leaked several tonnes of industrial solvent into the outer basin during unloading.",
    "Officials said the leak began shortly before dawn, when a coupling on the vessel's "
    "starboard manifold failed while crews were transferring cargo to the storage terminal.",
    "Fire crews laid floating barriers across the mouth of the basin within two hours, and the "
    "coast guard ordered every fishing boat moored nearby to stay in port until further notice.",
    "Residents of the Almira district, which overlooks the docks, were advised to keep their "
    "windows closed as a sharp smell drifted inland with the morning breeze.",
    "The regional environment office said water samples taken at noon showed solvent levels well "
    "above the legal limit near the terminal but close to normal beyond the breakwater.",
    "The tanker's operator, a shipping company registered in the southern provinces, said it was "
    "cooperating fully with investigators and had sent its own engineers to inspect the vessel.",
    "Dock workers' unions demanded an independent inquiry into maintenance at the terminal, "
    "which they said had been cut back sharply since the port was partly privatised last year.",
    "The mayor of Port Velinde told a news conference that the closure would cost local "
    "businesses dearly but that the safety of residents came before every other consideration.",
    "Shipping agents expect the northern docks to stay closed for at least a week while the "
    "basin is cleaned, forcing container traffic to the smaller southern quay.",
]

# A different report of the same event, in other words: must not be reported as reuse.
SPILL_OTHER_REPORT = [
    "Solvent leak shuts part of Port Velinde harbour",
    "A solvent leak from a tanker forced authorities in Port Velinde to shut the northern part "
    "of the harbour this week, disrupting cargo traffic along the coast.",
    "According to the coast guard, a faulty coupling gave way as the ship was pumping its load "
    "ashore, and the liquid spread across the basin before barriers could be put in place.",
    "People living in Almira complained of a strong chemical odour for most of the day, although "
    "health officials insisted there was no lasting danger to anyone in the neighbourhood.",
    "Union leaders blamed the accident on staff cuts and delayed repairs since a private "
    "operator took over part of the terminal, a charge the operator rejected.",
    "Container ships are being diverted to the southern quay, where agents warned of long queues "
    "and higher handling charges until the cleaning operation is finished.",
]

# An unrelated article: a football club's new stadium.
STADIUM = [
    "Riverside club unveils plans for new stadium",
    "Riverside Athletic unveiled plans on Monday for a new stadium with room for thirty-two "
    "thousand spectators on the site of the old railway yards east of the city centre.",
    "The club's chairman said the move would allow the team to compete with wealthier rivals by "
    "doubling matchday income within five seasons of opening the new ground.",
    "Local councillors welcomed the project but warned that the surrounding roads would need "
    "widening and that a new tram stop should be built before the first match is played.",
    "Supporters' groups were divided, with some fans mourning the loss of the club's home of "
    "more than a century and others celebrating the promise of modern facilities.",
    "Construction is expected to begin next spring if the planning application is approved, with "
    "the first season in the new stadium pencilled in for three years from now.",
    "The club has not said how much the project will cost, but architects involved in similar "
    "schemes put the price of a ground of that size at several hundred million.",
]

BOILERPLATE = ["Share this article", "Follow us on social media", "Advertisement",
               "Reporting by Lina Moreau and Piet Halvorsen; editing by Dario Quint"]


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def test_exact_and_retyped_copies_are_duplicates():
    original = body(SPILL)
    retyped = "\n".join(p.upper().replace("'", "\u2019") + "  " for p in SPILL)  # case, quotes, spacing, breaks
    findings = find_reuse([("a", original), ("b", original), ("c", retyped)])
    assert {(f.articles, f.kind) for f in findings} == {(("a", "b"), "duplicate"), (("a", "c"), "duplicate"),
                                                         (("b", "c"), "duplicate")}
    assert all(f.similarity == 1.0 for f in findings)
    assert len(findings[0].passages) == len(SPILL)


def test_one_word_changed_is_still_a_duplicate():
    edited = SPILL[:]
    edited[5] = edited[5].replace("noon", "midday")
    finding = compare("a", body(SPILL), "b", body(edited))
    assert finding.kind == "duplicate"
    assert 0.9 <= finding.similarity < 1.0


def test_one_word_changed_in_a_short_paragraph_is_still_a_duplicate():
    edited = SPILL[:]
    edited[0] = edited[0].replace("closes", "shuts")  # every shingle of the headline but one
    finding = compare("a", body(SPILL), "b", body(edited))
    assert finding.kind == "duplicate"


def test_a_paragraph_added_or_dropped_makes_a_near_duplicate_even_above_the_jaccard_threshold():
    added = "The port authority said it would publish a full report on the leak next month."
    longer = compare("a", body(SPILL), "b", body(SPILL + [added]))
    shorter = compare("a", body(SPILL + [added]), "b", body(SPILL))
    for finding in (longer, shorter):
        assert finding.jaccard >= ReuseSettings().duplicate_threshold
        assert finding.kind == "near_duplicate" and finding.containment == 1.0


def test_trimmed_reordered_reheadlined_copy_with_boilerplate_is_a_near_duplicate():
    kept = SPILL[1:8]
    random.Random(3).shuffle(kept)
    copy = body(["Chemical leak closes harbour docks"] + kept + BOILERPLATE)
    finding = compare("original", body(SPILL), "copy", copy)
    assert finding.kind == "near_duplicate"
    assert finding.jaccard < 0.9 and finding.containment >= ReuseSettings().near_duplicate_threshold
    assert finding.similarity == finding.containment
    assert {p.a for p in finding.passages} == set(kept)


def test_edited_copy_is_a_near_duplicate():
    rng = random.Random(5)
    edited = []
    for i, p in enumerate(SPILL):
        words = p.split(" ")
        if i % 2:
            for _ in range(max(1, len(words) // 12)):
                words[rng.randrange(len(words))] = rng.choice(["reportedly", "also", "nearby", "then"])
        edited.append(" ".join(words))
    finding = compare("a", body(SPILL), "b", body(edited[:-1]))
    assert finding.kind == "near_duplicate"


def test_paragraphs_moved_into_another_article_are_shared_passages():
    receiver = STADIUM[:4] + SPILL[6:8] + STADIUM[4:]
    finding = compare("spill", body(SPILL), "stadium", body(receiver))
    assert finding.kind == "shared_passages"
    assert [(p.a, p.b) for p in finding.passages] == [(SPILL[6], SPILL[6]), (SPILL[7], SPILL[7])]
    spill_text, stadium_text = body(SPILL), body(receiver)
    for p in finding.passages:
        assert spill_text[p.a_start:p.a_end] == p.a and stadium_text[p.b_start:p.b_end] == p.b
        assert p.similarity == 1.0
    assert finding.containment < ReuseSettings().near_duplicate_threshold


def test_an_edited_shared_paragraph_is_still_found():
    moved = SPILL[7].replace("demanded", "called for").replace("sharply", "")
    finding = compare("spill", body(SPILL), "stadium", body(STADIUM[:3] + [moved] + STADIUM[3:]))
    assert finding.kind == "shared_passages"
    assert [p.a for p in finding.passages] == [SPILL[7]]
    assert 0.5 <= finding.passages[0].similarity < 1.0


def test_short_paragraphs_with_a_word_changed_share_a_passage_band_with_the_original():
    # 16-word paragraphs with their eighth word replaced: Jaccard 7/17 of their shingles, where
    # bands of two bins are least likely to agree. The candidate stage must not lose them.
    settings = ReuseSettings()
    originals, edited = [], []
    for paragraph in SPILL[1:] + STADIUM[1:] + SPILL_OTHER_REPORT[1:]:
        words = paragraph.split()
        for start in range(0, len(words) - 15, 6):
            piece = words[start:start + 16]
            originals.append(" ".join(piece))
            edited.append(" ".join(piece[:7] + ["meanwhile"] + piece[8:]))
    a, b = sketch_texts(originals, settings), sketch_texts(edited, settings)
    keys = [band_keys(s.passage_signatures, settings.passage_bands, settings.passage_rows, 0) for s in (a, b)]
    found = (keys[0] == keys[1]).any(axis=1)
    assert found.mean() >= 0.94  # 10 bands of consecutive bins found 45 of these 51


def test_bands_beyond_the_bins_group_the_bins_again_in_pairs_not_used_before():
    layout = band_layout(32, 24, 2)
    assert layout[:16].tolist() == [[2 * i, 2 * i + 1] for i in range(16)]
    pairs = {tuple(sorted(band)) for band in layout.tolist()}
    assert len(pairs) == 24 and all(a != b for a, b in pairs)
    assert ReuseSettings(passage_bands=40).passage_bands == 40
    with pytest.raises(ValueError):
        ReuseSettings(passage_rows=0)


def test_other_reports_of_the_same_event_and_unrelated_articles_are_not_reuse():
    articles = [("spill", body(SPILL)), ("other", body(SPILL_OTHER_REPORT)), ("stadium", body(STADIUM))]
    assert find_reuse(articles) == []


def test_short_shared_lines_make_no_finding():
    a = body(SPILL[1:4] + BOILERPLATE[:3])
    b = body(STADIUM[1:4] + BOILERPLATE[:3])
    assert compare("a", a, "b", b) is None


def test_a_shared_quotation_is_not_reuse_unless_quotes_count():
    statement = ('"We will not reopen the northern docks until every sample from the basin comes back '
                 'clean, however long that takes,"')
    a = body(SPILL[1:4] + [statement + " the harbour master told reporters on Wednesday."])
    b = body(STADIUM[1:4] + [statement + " said the official in charge of the port."])
    assert compare("a", a, "b", b) is None
    finding = compare("a", a, "b", b, ReuseSettings(ignore_quotes=False))
    assert finding is not None and finding.kind == "shared_passages"


def test_each_pair_is_reported_once_in_its_strongest_kind():
    # A duplicate also shares all its passages and is contained in the other: one finding.
    findings = find_reuse([("a", body(SPILL)), ("b", body(SPILL + BOILERPLATE[:1]))])
    assert [(f.articles, f.kind) for f in findings] == [(("a", "b"), "duplicate")]
    assert len(findings[0].passages) == len(SPILL)


def test_adding_one_at_a_time_finds_what_a_batch_finds():
    articles = corpus_with_reuse()
    one_by_one = ReuseDetector()
    single = [f for article_id, text in articles for f in one_by_one.add(article_id, text)]
    batch = ReuseDetector().add_many(articles, batch_size=4)
    assert [f.to_export() for f in single] == [f.to_export() for f in batch]
    assert {f.kind for f in single} == {"duplicate", "near_duplicate", "shared_passages"}
    assert one_by_one.add("spill", "anything") == []  # an id already added is skipped


def test_worker_processes_give_the_same_findings():
    articles = corpus_with_reuse()
    expected = [f.to_export() for f in ReuseDetector().add_many(articles)]
    assert [f.to_export() for f in ReuseDetector().add_many(articles, workers=2, batch_size=3)] == expected


def test_saved_index_checks_new_articles_without_hashing_old_texts(monkeypatch):
    articles = corpus_with_reuse()
    detector = ReuseDetector()
    detector.add_many(articles[:4])
    data = detector.save()
    texts = dict(articles)

    def no_hashing(*args, **kwargs):
        raise AssertionError("load must not hash any text")

    monkeypatch.setattr(detector_module, "sketch_texts", no_hashing)
    restored = ReuseDetector.load(data, text_of=texts.get)
    monkeypatch.undo()
    assert len(restored) == 4 and "spill" in restored
    later = [f.to_export() for article_id, text in articles[4:] for f in restored.add(article_id, text)]
    fresh = ReuseDetector()
    expected = [f.to_export() for f in fresh.add_many(articles) if f.articles[1] in dict(articles[4:])]
    assert later == expected and later


def test_loaded_index_needs_earlier_texts_to_quote_them():
    detector = ReuseDetector()
    detector.add("spill", body(SPILL))
    restored = ReuseDetector.load(detector.save())
    with pytest.raises(LookupError, match="text_of"):
        restored.add("copy", body(SPILL[:-2]))


def test_article_sketch_bytes_round_trip_and_restore():
    articles = corpus_with_reuse()
    settings = ReuseSettings()
    detector = ReuseDetector(settings=settings)
    detector.add_many(articles[:4])
    stored = {article_id: detector.sketch(article_id).to_bytes(settings) for article_id, _ in articles[:4]}
    sketch = ArticleSketch.from_bytes(stored["spill"], settings)
    original = detector.sketch("spill")
    assert sketch.fingerprint == original.fingerprint and sketch.words == original.words
    for name in ("signature", "spans", "passage_words", "passage_shingles", "passage_signatures"):
        assert np.array_equal(getattr(sketch, name), getattr(original, name))
    restored = ReuseDetector(settings=settings, text_of=dict(articles).get, keep_texts=False)
    restored.restore((article_id, ArticleSketch.from_bytes(data, settings)) for article_id, data in stored.items())
    later = [f.to_export() for article_id, text in articles[4:] for f in restored.add(article_id, text)]
    expected = [f.to_export() for f in ReuseDetector().add_many(articles) if f.articles[1] in dict(articles[4:])]
    assert later == expected
    with pytest.raises(ValueError, match="other reuse settings"):
        ArticleSketch.from_bytes(stored["spill"], ReuseSettings(shingle_words=4, min_passage_words=8))


def test_signatures_estimate_jaccard():
    settings = ReuseSettings()
    rng = random.Random(1)
    pool = SPILL + SPILL_OTHER_REPORT + STADIUM
    texts = [body(rng.sample(pool, rng.randint(6, 12))) for _ in range(30)]
    sketches = sketch_texts(texts, settings)
    errors = []
    for i in range(0, 30, 2):
        a, b = shingle_sets(texts[i], settings), shingle_sets(texts[i + 1], settings)
        shared = np.intersect1d(a.distinct, b.distinct).size
        exact = shared / (a.distinct.size + b.distinct.size - shared)
        estimate = (sketches.signatures[i] == sketches.signatures[i + 1]).mean()
        errors.append(abs(exact - estimate))
    assert max(errors) < 0.2 and np.mean(errors) < 0.08


def test_shingles_kept_from_hashing_equal_a_fresh_hashing():
    texts = [body(SPILL), body(STADIUM), "", body(['"A quote that opens', "and a line", SPILL[3]])]
    sketches = sketch_texts(texts, ReuseSettings())
    for i, text in enumerate(texts):
        kept, fresh = sketches.shingled(i, text), shingle_sets(text, ReuseSettings())
        assert kept.fingerprint == fresh.fingerprint and kept.spans == fresh.spans
        for name in ("passage_words", "shingles", "passage", "quoted", "sizes", "distinct"):
            assert np.array_equal(getattr(kept, name), getattr(fresh, name)), name


def test_passages_are_lines_and_long_lines_are_cut_at_sentences():
    text = "  First line here  \n\n\tSecond line\r\n" + " ".join(f"Sentence {i} has six words." for i in range(60))
    spans = passage_spans(text, max_words=80)
    assert [text[s:e] for s, e in spans[:2]] == ["First line here", "Second line"]
    chunks = [text[s:e] for s, e in spans[2:]]
    assert len(chunks) > 3 and all(c.endswith(".") for c in chunks)
    assert all(40 <= len(c.split()) <= 80 for c in chunks[:-1])


def test_finding_export_shape():
    finding = compare("a", body(SPILL), "b", body(STADIUM[:3] + SPILL[6:8] + STADIUM[3:]))
    exported = finding.to_export()
    assert exported["articles"] == ["a", "b"] and exported["kind"] == "shared_passages"
    assert set(exported["passages"][0]) >= {"a", "b", "a_start", "a_end", "b_start", "b_end"}
    assert isinstance(exported["similarity"], float)


def corpus_with_reuse() -> list[tuple[str, str]]:
    return [
        ("spill", body(SPILL)),
        ("stadium", body(STADIUM)),
        ("other", body(SPILL_OTHER_REPORT)),
        ("spill-copy", body([p.lower() for p in SPILL])),
        ("spill-trimmed", body(["Harbour closed"] + SPILL[1:6] + BOILERPLATE)),
        ("stadium-with-spill", body(STADIUM[:3] + SPILL[6:8] + STADIUM[3:])),
        ("unrelated", body(SPILL_OTHER_REPORT[3:] + STADIUM[1:2])),
    ]


# -- the sample corpus ----------------------------------------------------------------------------
def _bodies(idlib_dir: Path) -> dict[str, str]:
    try:
        from newsprism.clean import clean_text
    except ImportError:  # the cleaner is optional here: plain lines are enough for reuse
        clean_text = None
    bodies = {}
    for path in sorted(idlib_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        bodies[path.name] = clean_text(text).text if clean_text else text
    return bodies


@pytest.mark.shared
def test_sample_corpus_anadolu_articles_share_their_closing_passages(idlib_dir):
    bodies = _bodies(idlib_dir)
    assert len(bodies) == 5
    findings = find_reuse(bodies.items())
    assert len(findings) == 1, [(f.articles, f.kind) for f in findings]
    finding = findings[0]
    assert [name[:4] for name in finding.articles] == ["000_", "003_"]
    assert finding.kind == "shared_passages"
    assert finding.containment < ReuseSettings().near_duplicate_threshold
    assert len(finding.passages) >= 4
    first, second = bodies[finding.articles[0]], bodies[finding.articles[1]]
    for p in finding.passages:
        assert first[p.a_start:p.a_end] == p.a and second[p.b_start:p.b_end] == p.b
    # Closing passages: the matched paragraphs are the last ones of both articles.
    assert max(p.b_end for p in finding.passages) >= len(second.rstrip()) - 1


@pytest.mark.shared
def test_sample_corpus_raw_files_give_the_same_pair(idlib_dir):
    raw = {p.name: p.read_text(encoding="utf-8") for p in sorted(idlib_dir.glob("*.txt"))}
    findings = find_reuse(raw.items())
    assert [(tuple(n[:3] for n in f.articles), f.kind) for f in findings] == [(("000", "003"), "shared_passages")]
    assert len(findings[0].passages) >= 4
