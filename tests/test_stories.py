"""Story clustering on invented articles, and the sample corpus in one story."""
from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from newsprism.models import Article, Outlet
from newsprism.stories import GRANULARITIES, StoryClusterer, StoryInput, headline, names_in, numbers_in


def day(offset: int, start: str = "2021-03-01") -> str:
    return (dt.date.fromisoformat(start) + dt.timedelta(days=offset)).isoformat()


# Two events of the same kind (a bridge collapse), two months apart, in different towns.
def collapse_velmora(offset: int = 0) -> list[StoryInput]:
    texts = [
        ("Bridge collapses in Velmora, trapping commuters",
         "The Harlan Street bridge in Velmora collapsed during the morning rush hour, sending three "
         "cars into the Ostry river. Mayor Ilse Brandvik said rescue divers had pulled two drivers "
         "from the water. Engineers had inspected the Harlan Street span last spring."),
        ("Velmora divers search river after Harlan Street bridge falls",
         "Rescue divers in Velmora searched the Ostry river for a missing driver after the Harlan "
         "Street bridge fell. Mayor Ilse Brandvik asked residents to avoid the riverbank. The "
         "collapse closed the main road into the old town."),
        ("Inspection reports questioned after Velmora bridge collapse",
         "Questions grew over inspection reports for the Harlan Street bridge a day after its "
         "collapse in Velmora. Mayor Ilse Brandvik ordered an inquiry, and engineers from the "
         "regional roads office began examining the fallen span over the Ostry river."),
    ]
    return [StoryInput(id=f"velmora-{i}", title=t, text=b, published=day(offset + i), outlet=o)
            for i, ((t, b), o) in enumerate(zip(texts, ["Daily Ledger", "Radio North", "The Courier"]))]


def collapse_tarrenfield(offset: int = 60) -> list[StoryInput]:
    texts = [
        ("Rail bridge gives way in Tarrenfield",
         "A rail bridge over the Kessel canal in Tarrenfield gave way on Tuesday, derailing two "
         "freight wagons. Governor Paulo Anceta said no passengers were on board. Engineers from the "
         "national rail company were sent to the Kessel canal crossing."),
        ("Tarrenfield canal crossing collapse halts freight trains",
         "Freight trains through Tarrenfield were halted after the Kessel canal rail bridge "
         "collapsed. Governor Paulo Anceta said the rail company would pay for repairs, and "
         "engineers began lifting the derailed wagons out of the canal."),
        ("Governor Anceta promises review of Tarrenfield rail bridges",
         "Governor Paulo Anceta promised a review of every rail bridge in the Tarrenfield district "
         "after the Kessel canal collapse. Two freight wagons remain in the canal while engineers "
         "decide how to remove them."),
    ]
    return [StoryInput(id=f"tarrenfield-{i}", title=t, text=b, published=day(offset + i), outlet=o)
            for i, ((t, b), o) in enumerate(zip(texts, ["Rail Times", "Daily Ledger", "Radio North"]))]


# A developing situation over five weeks: talks between two invented countries on a river treaty.
TREATY = [
    ("Kesh and Dalvonia open talks on Amber river treaty",
     "Negotiators from Kesh and Dalvonia opened talks in Lauzen on sharing the Amber river, after a "
     "dry summer cut water to farms in both countries. Kesh foreign minister Oren Talsi said a "
     "treaty on the Amber river was within reach."),
    ("Amber river talks stall over dam quotas",
     "Talks between Kesh and Dalvonia on the Amber river stalled over how much water the Dalvonian "
     "dams may hold back. Oren Talsi, the Kesh foreign minister, said negotiators in Lauzen would "
     "meet again. Dalvonia wants higher quotas for its dams on the Amber river."),
    ("Dalvonia offers compromise on Amber river dams",
     "Dalvonia offered to release more water from its Amber river dams during dry months, a "
     "compromise Kesh foreign minister Oren Talsi called serious. Negotiators from Kesh and "
     "Dalvonia return to Lauzen next week to draft the Amber river treaty."),
    ("Kesh and Dalvonia initial Amber river treaty in Lauzen",
     "Negotiators from Kesh and Dalvonia initialled a treaty on sharing the Amber river in Lauzen. "
     "Foreign minister Oren Talsi said the dam quotas agreed would protect farms in Kesh, and "
     "Dalvonia's parliament will vote on the Amber river treaty next month."),
]


def treaty(gap_days: int = 12) -> list[StoryInput]:
    return [StoryInput(id=f"treaty-{i}", title=t, text=b, published=day(i * gap_days, "2021-06-01"),
                       outlet=["Kesh Herald", "Lauzen Post"][i % 2])
            for i, (t, b) in enumerate(TREATY)]


# A large story: many outlets retelling one flood, each article a different mix of its facts.
FLOOD_FACTS = [
    "The Marrow river burst its banks at Quellby after four days of rain.",
    "Mayor Tobiah Renn said {n} homes in Quellby were under water.",
    "Rescue boats from Ostrava Point carried families out of the lower town of Quellby.",
    "The Marrow reached its highest level since records began, the river authority said.",
    "Volunteers stacked sandbags along the Quellby embankment through the night.",
    "Renn asked the regional government for emergency funds for Quellby.",
    "Schools in Quellby stayed closed while the Marrow flood water receded slowly.",
    "Farmers downstream of Quellby counted lost cattle in the flooded meadows.",
    "Power was cut to {n} households as the Marrow flooded a substation near Quellby.",
    "Insurers sent assessors to Quellby to estimate the cost of the flood damage.",
]
FILLER = ["Officials promised an update later in the day.", "Residents described a sleepless night.",
          "More rain is forecast for the weekend.", "The figures could still change.",
          "Local radio carried appeals for blankets and food."]


# The same kind of flood, a day later in another town: a different event with the same words.
OTHER_TOWN = {"Marrow": "Sable", "Quellby": "Dunmore", "Tobiah Renn": "Ilka Voss", "Renn": "Voss",
              "Ostrava Point": "Kettle Bay"}


def flood(count: int, seed: int = 7, elsewhere: bool = False) -> list[StoryInput]:
    rng = random.Random(seed)
    facts = FLOOD_FACTS
    if elsewhere:
        for old, new in OTHER_TOWN.items():
            facts = [f.replace(old, new) for f in facts]
    out = []
    for i in range(count):
        picked = [f.format(n=rng.randint(40, 900)) for f in rng.sample(facts, 5)]
        body = " ".join(picked + rng.sample(FILLER, 2))
        out.append(StoryInput(id=f"{'other' if elsewhere else 'flood'}-{i}", title=None, text=body,
                              published=day(i % 5 + elsewhere, "2022-02-10"), outlet=f"Outlet {i % 17}"))
    return out


def clusters(ids: list[str], articles: list[StoryInput]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for sid, a in zip(ids, articles):
        out.setdefault(sid, set()).add(a.id)
    return out


def story_of(model: StoryClusterer, article_id: str) -> str:
    return next(s.id for s in model.stories if article_id in s.articles)


# ------------------------------------------------------------------------------------------------

def test_two_events_of_the_same_kind_stay_apart_and_each_holds_together():
    articles = collapse_velmora() + collapse_tarrenfield()
    ids = StoryClusterer(granularity="event").partial_fit(articles)
    groups = sorted(clusters(ids, articles).values(), key=min)
    assert groups == [{a.id for a in collapse_tarrenfield()}, {a.id for a in collapse_velmora()}]


def test_events_with_different_names_stay_apart_even_without_dates():
    articles = [StoryInput(a.id, a.text, a.title) for a in collapse_velmora() + collapse_tarrenfield()]
    ids = StoryClusterer(granularity="event").partial_fit(articles)
    assert len(set(ids)) == 2


def test_developing_story_is_one_story_but_several_events():
    articles = treaty(gap_days=12)
    story_ids = StoryClusterer(granularity="story").partial_fit(articles)
    assert len(set(story_ids)) == 1
    event_ids = StoryClusterer(granularity="event").partial_fit(articles)
    assert len(set(event_ids)) > 1  # 12 days between articles is more than an event's window


def test_a_story_may_pause_and_resume_but_events_have_dates():
    articles = treaty(gap_days=120)  # the same talks, four months between articles
    assert len(set(StoryClusterer(granularity="topic").partial_fit(articles))) == 1
    assert len(set(StoryClusterer(granularity="story").partial_fit(articles))) == 1
    assert len(set(StoryClusterer(granularity="event").partial_fit(articles))) == len(articles)


@pytest.mark.parametrize("granularity", ["event", "story", "topic"])
def test_a_large_story_holds_together(granularity):
    """More articles than an article's nearest neighbours: the story is its own crowd and must
    not fall apart under its own weight, in one batch or several."""
    articles = flood(80) + collapse_velmora()
    ids = StoryClusterer(granularity=granularity).partial_fit(articles)
    assert len(set(ids[:80])) == 1
    assert not set(ids[80:]) & set(ids[:80])
    model = StoryClusterer(granularity=granularity)
    for start in range(0, 80, 16):
        model.partial_fit(articles[start:start + 16])
    assert len({model.assignments()[a.id] for a in articles[:80]}) == 1


def test_two_large_events_of_the_same_kind_stay_apart():
    quellby, dunmore = flood(60), flood(60, seed=11, elsewhere=True)
    articles = [a for pair in zip(quellby, dunmore) for a in pair]  # arriving interleaved
    model = StoryClusterer(granularity="event")
    for start in range(0, len(articles), 12):
        model.partial_fit(articles[start:start + 12])
    found = model.assignments()
    assert len({found[a.id] for a in quellby}) == 1 and len({found[a.id] for a in dunmore}) == 1
    assert found[quellby[0].id] != found[dunmore[0].id]


def test_story_records_title_outlets_and_dates():
    model = StoryClusterer(granularity="event")
    model.partial_fit(collapse_velmora())
    (story,) = model.stories
    assert story.title in {a.title for a in collapse_velmora()}
    assert story.outlets == ["Daily Ledger", "Radio North", "The Courier"]
    assert (story.first, story.last) == ("2021-03-01", "2021-03-03")
    assert story.articles == ["velmora-0", "velmora-1", "velmora-2"]


def test_second_batch_joins_existing_stories_and_starts_new_ones():
    first_velmora, later_velmora = collapse_velmora()[:2], collapse_velmora()[2:]
    model = StoryClusterer(granularity="event")
    first_ids = model.partial_fit(first_velmora + treaty()[:1])
    later = later_velmora + collapse_tarrenfield()
    later_ids = model.partial_fit(later)
    assert later_ids[0] == first_ids[0]  # the third Velmora article joins its story
    assert len(set(later_ids[1:])) == 1 and later_ids[1] not in first_ids  # a new event
    assert story_of(model, "velmora-2") == story_of(model, "velmora-0")
    assert len(model.stories) == 3


def test_batch_order_does_not_matter_dates_do():
    articles = collapse_velmora() + collapse_tarrenfield()
    forward = StoryClusterer(granularity="event").partial_fit(articles)
    backward = StoryClusterer(granularity="event").partial_fit(articles[::-1])[::-1]
    assert sorted(map(sorted, clusters(forward, articles).values())) == \
        sorted(map(sorted, clusters(backward, articles).values()))


def test_save_and_load_continue_where_they_stopped(tmp_path):
    batch1 = collapse_velmora()[:2] + treaty()[:2]
    batch2 = collapse_velmora()[2:] + treaty()[2:] + collapse_tarrenfield()

    continuous = StoryClusterer(granularity="story")
    continuous.partial_fit(batch1)
    expected = continuous.partial_fit(batch2)

    saved = StoryClusterer(granularity="story")
    saved.partial_fit(batch1)
    saved.save(tmp_path / "stories.npz")
    restored = StoryClusterer.load(tmp_path / "stories.npz")
    assert restored.granularity == "story" and restored.threshold == saved.threshold
    assert restored.partial_fit(batch2) == expected
    assert [(s.id, s.title, s.articles, s.outlets, s.first, s.last) for s in restored.stories] == \
        [(s.id, s.title, s.articles, s.outlets, s.first, s.last) for s in continuous.stories]


def test_a_batch_only_revisits_the_stories_it_touches():
    model = StoryClusterer(granularity="event")
    model.partial_fit(collapse_velmora() + collapse_tarrenfield() + treaty()[:2])
    before = {s.id: s.articles for s in model.stories if not s.articles[0].startswith("treaty")}
    model.partial_fit(treaty()[2:])
    after = {s.id: s.articles for s in model.stories if not s.articles[0].startswith("treaty")}
    assert after == before and len(after) == 2
    assignments = model.assignments()
    assert {a for s in model.stories for a in s.articles} == set(assignments)
    assert all(assignments[a] == s.id for s in model.stories for a in s.articles)


def test_predict_names_the_story_without_changing_anything():
    model = StoryClusterer(granularity="event")
    ids = model.partial_fit(collapse_velmora()[:2] + treaty()[:1])
    before = [(s.id, list(s.articles)) for s in model.stories]
    guess = model.predict(collapse_velmora()[2:] + collapse_tarrenfield()[:1])
    assert guess == [ids[0], None]
    assert [(s.id, list(s.articles)) for s in model.stories] == before


def test_input_from_an_archived_article():
    article = Article(id="a1", source="x.txt", text="Body.", title="Head", outlet=Outlet("kh", "Kesh Herald"),
                      published="2021-06-01")
    assert StoryInput.from_article(article) == StoryInput("a1", "Body.", "Head", "2021-06-01", "Kesh Herald")


def test_undated_and_empty_inputs():
    model = StoryClusterer()
    assert model.partial_fit([]) == []
    ids = model.partial_fit([StoryInput("x", "Short note with no date at all.", None, None, None)])
    assert ids == ["s1"]
    (story,) = model.stories
    assert story.first is None and story.last is None and story.outlets == []
    assert story.title == "Short note with no date at all."


def test_settings_are_fixed_and_overridable():
    assert set(GRANULARITIES) == {"event", "story", "topic"}
    assert GRANULARITIES["event"].window_days == 7
    assert GRANULARITIES["story"].window_days is None and GRANULARITIES["topic"].window_days is None
    assert GRANULARITIES["topic"].threshold < GRANULARITIES["story"].threshold  # topic is looser
    assert all(g.meaning for g in GRANULARITIES.values())
    model = StoryClusterer(granularity="topic", threshold=0.5, window_days=30)
    assert (model.threshold, model.window_days) == (0.5, 30)
    assert StoryClusterer(granularity="event").window_days == 7
    with pytest.raises(ValueError, match="granularity"):
        StoryClusterer(granularity="week")


def test_names_and_headlines():
    text = "Speaking in Lauzen, Oren Talsi said talks would go on. Speaking later, he left."
    assert "Lauzen" in names_in(text) and "Talsi" in names_in(text)
    assert "Speaking" in names_in(text)  # only ever capitalised here, so it may be a name
    assert "He" not in names_in("He said. he did.")
    assert numbers_in("Of 1,200 homes, 3 flooded; 12.5 mm fell in 2021.") == ["1200", "3", "12.5", "2021"]
    menu = StoryInput("m", "Home | World\nRescuers reach the flooded village of Arnsby at dawn.\nMore")
    assert headline(menu) == "Rescuers reach the flooded village of Arnsby at dawn."


@pytest.mark.shared
def test_sample_corpus_is_one_story(idlib_dir):
    files = sorted(idlib_dir.glob("*.txt"))
    assert len(files) == 5
    articles = [StoryInput(id=f.stem, text=f.read_text(encoding="utf-8")) for f in files]
    model = StoryClusterer(granularity="story")
    assert len(set(model.partial_fit(articles))) == 1
    (story,) = model.stories
    assert "Idlib" in story.title


def test_state_from_an_earlier_version_is_refused(tmp_path):
    path = tmp_path / "old.npz"
    np.savez_compressed(path, meta=np.array("{}"), size=np.zeros(1))
    with pytest.raises(ValueError, match="afresh"):
        StoryClusterer.load(path)


@pytest.mark.parametrize("granularity", ["event"])
def test_one_article_at_a_time_finds_the_stories_of_one_batch(granularity):
    """Streaming arrival (each article its own partial_fit call) ends with the same stories as
    one batch: pieces and stories whose crowding fell are re-checked for merges."""
    articles = collapse_velmora() + collapse_tarrenfield() + treaty(12) + flood(20)
    whole = StoryClusterer(granularity=granularity).partial_fit(articles)
    model = StoryClusterer(granularity=granularity)
    for article in articles:
        model.partial_fit([article])
    final = model.assignments()
    groups = lambda ids: {frozenset(g) for g in clusters(ids, articles).values()}  # noqa: E731
    assert groups([final[a.id] for a in articles]) == groups(whole)
