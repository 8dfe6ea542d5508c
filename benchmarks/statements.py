"""How the same-statement threshold was chosen, and how fast entities and statements run.

    python benchmarks/statements.py [--speed N] [--no-speed]

Part 1, the threshold (``newsprism.statements.SAME_STATEMENT``). The score of a pair of quotes is
``statements.similarity``: the larger of the MiniLM cosine and the content-word overlap. It is
measured on pairs that are *not* the sample corpus:

* PolNeAR negatives: two attributions in one article whose sources name the same person (same
  last name word), with disjoint contents of five words or more: different statements by one
  speaker in one article, the hardest negatives there are (same speaker, same topic, same day).
  Some are the lead's summary of a quote given later in full (a true repeat): label noise that
  only makes the measured false-merge rate look worse than it is.
* PolNeAR positives: attributions of the same person in two different articles whose contents
  share a run of eight words: one statement reported by two outlets.
* Written pairs (below, invented for this benchmark): one statement in two renderings, as two
  outlets translate or paraphrase it (positives), and two different statements of one speaker on
  one subject (negatives).

For each threshold the script prints the rate of pairs called the same in each set, and the
balanced accuracy (mean of the positives' recall over the two positive sets and the negatives'
rejection rate over the two negative sets). The threshold chosen is the lowest that calls at most
2% of the pairs of each negative set the same: a speaker with n quotes in a story gives n(n-1)/2
pairs, nearly all different statements, so a false merge rate that balanced accuracy accepts
(4% at its best) would merge several statements in every long story. The sample corpus plays no
part in the choice.

Part 2, speed: entity mentions (entity recogniser only, ``nlp.pipe``) and resolution over N
articles of ``bench/clusters/articles.jsonl``; embedding throughput of the statement model.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "bench" / "quotes" / "polnear"
CLUSTERS = SHARED / "bench" / "clusters" / "articles.jsonl"
sys.path.insert(0, str(ROOT / "src"))

from newsprism.statements import SAME_STATEMENT, embed, similarity  # noqa: E402

MAX_FALSE_MERGE = 0.02  # the share of different-statement pairs the chosen threshold may call the same

# ---------------------------------------------------------------- written pairs (invented)

SAME = [
    ("We are ready to resume negotiations as soon as the other side withdraws its troops from the border.",
     "We are prepared to return to the talks once the other party pulls its forces back from the frontier."),
    ("The sanctions will not change our policy; they only hurt ordinary people.",
     "These sanctions won't alter our course, they merely harm ordinary citizens."),
    ("Our farmers have suffered enough from the drought and deserve immediate help from the state.",
     "Farmers in our country have endured too much because of the drought and should receive urgent state assistance."),
    ("No decision on raising interest rates has been taken yet.",
     "A decision to increase the interest rate has not been made so far."),
    ("We consider the deployment of missiles near our borders a direct threat to our security.",
     "We regard the placement of missiles close to our border as a direct threat to our security."),
    ("The ceasefire is holding, although there were isolated violations overnight.",
     "The truce is being observed, despite some isolated breaches during the night."),
    ("I have never met this man and I have nothing to do with his business.",
     "I never met that person and have no connection to his companies."),
    ("The election results reflect the will of the people and must be respected by everyone.",
     "The outcome of the vote reflects the people's will and should be respected by all."),
    ("We expect the pipeline to be completed by the end of next year.",
     "We anticipate that construction of the pipeline will be finished late next year."),
    ("The hospital ran out of oxygen on Sunday and three patients had to be moved.",
     "On Sunday the hospital's oxygen supply was exhausted, and three patients were transferred."),
    ("Our army will respond decisively to any attack on our positions.",
     "Our armed forces will give a decisive response to any assault on our positions."),
    ("There is no alternative to a political settlement of this conflict.",
     "A political solution to the conflict has no alternative."),
    ("The talks were constructive, but serious differences remain.",
     "The negotiations were constructive, though significant disagreements persist."),
    ("We did not receive any official request for extradition.",
     "No formal extradition request has been received by us."),
    ("The new law protects journalists and does not restrict freedom of speech.",
     "This legislation safeguards reporters and in no way limits free speech."),
    ("Prices for bread and fuel will be frozen until the end of the winter.",
     "Bread and fuel prices are to remain frozen through the end of winter."),
    ("The refugees must be allowed to return to their homes safely and voluntarily.",
     "Refugees should be able to go back to their homes in safety and of their own free will."),
    ("Anyone who breaks the curfew will be fined.",
     "Those violating the curfew will face fines."),
    ("Our relations with our neighbour have never been as good as they are today.",
     "Ties with our neighbouring country have never been better than now."),
    ("The strike will continue until the government agrees to raise salaries.",
     "We will keep striking until the authorities accept a pay increase."),
    ("We have evidence that the attack was planned abroad.",
     "There is proof that the assault was organised outside the country."),
    ("The company will cut two thousand jobs over the next three years.",
     "Over the coming three years, the firm is going to eliminate 2,000 positions."),
    ("I will not run for a third term.",
     "I am not going to seek a third term in office."),
    ("The vaccine is safe and effective, and there is no reason to fear it.",
     "The vaccine is effective and safe; people have no reason to be afraid of it."),
    ("Our troops will stay in the region as long as the threat persists.",
     "Our soldiers will remain in the area for as long as the danger exists."),
    ("the reform was a historic step for our nation",
     "This reform is a historic step for our nation, and I thank everyone who worked on it."),
    ("the budget deficit would fall below three percent next year",
     "The budget deficit will drop under three percent next year."),
    ("the talks had brought no tangible results so far",
     "So far the talks have produced no tangible results."),
    ("We demand an independent investigation into the deaths of the protesters.",
     "We call for an independent inquiry into the protesters' deaths."),
    ("The bridge will reopen to traffic next Monday after repairs are finished.",
     "After the repair work is completed, the bridge will be open to traffic again next Monday."),
]

DIFFERENT = [
    ("We are ready to resume negotiations as soon as the other side withdraws its troops from the border.",
     "The other side has violated the ceasefire three times this week."),
    ("The sanctions will not change our policy; they only hurt ordinary people.",
     "We will ask the court to lift the sanctions on our banks."),
    ("No decision on raising interest rates has been taken yet.",
     "Inflation will slow down in the second half of the year."),
    ("The ceasefire is holding, although there were isolated violations overnight.",
     "Humanitarian convoys will be allowed into the city from Tuesday."),
    ("There is no alternative to a political settlement of this conflict.",
     "Our troops will remain in the region as long as the threat persists."),
    ("The talks were constructive, but serious differences remain.",
     "The next round of talks will take place in Vienna in two weeks."),
    ("We have evidence that the attack was planned abroad.",
     "The attackers will be found and punished."),
    ("Prices for bread and fuel will be frozen until the end of the winter.",
     "Pensions will rise by five percent from January."),
    ("The refugees must be allowed to return to their homes safely and voluntarily.",
     "The camps near the border are overcrowded and lack clean water."),
    ("I will not run for a third term.",
     "My party will choose its candidate in an open primary."),
    ("The vaccine is safe and effective, and there is no reason to fear it.",
     "The vaccination campaign will start with doctors and nurses next month."),
    ("We expect the pipeline to be completed by the end of next year.",
     "The pipeline will carry gas to the southern regions."),
    ("Our army will respond decisively to any attack on our positions.",
     "Two of our soldiers were wounded in the shelling last night."),
    ("We demand an independent investigation into the deaths of the protesters.",
     "The police used excessive force against peaceful demonstrators."),
    ("The strike will continue until the government agrees to raise salaries.",
     "The government has refused to meet with union representatives."),
    ("The company will cut two thousand jobs over the next three years.",
     "Our profits fell by a third last year."),
    ("The new law protects journalists and does not restrict freedom of speech.",
     "Foreign-funded media will have to register with the ministry."),
    ("We did not receive any official request for extradition.",
     "The suspect left the country last month on a private jet."),
    ("The hospital ran out of oxygen on Sunday and three patients had to be moved.",
     "The hospital needs at least forty more nurses."),
    ("The election results reflect the will of the people and must be respected by everyone.",
     "Turnout was the highest in twenty years."),
    ("Our relations with our neighbour have never been as good as they are today.",
     "We will sign a trade agreement with our neighbour next month."),
    ("We consider the deployment of missiles near our borders a direct threat to our security.",
     "We are ready to discuss arms control with anyone who wants to."),
    ("Anyone who breaks the curfew will be fined.",
     "The curfew will be lifted when infection numbers fall."),
    ("The bridge will reopen to traffic next Monday after repairs are finished.",
     "The repairs cost twice as much as planned."),
    ("Our farmers have suffered enough from the drought and deserve immediate help from the state.",
     "The harvest this year will be the smallest in a decade."),
    ("The agreement reached in the capital last year has not been implemented.",
     "We are satisfied with how the agreement reached in the capital last year is being implemented."),
    ("The opposition has been offered seats in the new government.",
     "The opposition has refused to join the new government."),
    # same speaker, same subject, a different claim: the hard cases
    ("Inflation will peak this summer and then start to fall.",
     "Inflation is hurting poorer households the most."),
    ("The court will rule on the case next month.",
     "The court has rejected the defence's request to delay the case."),
    ("We will build two new hospitals in the north by 2026.",
     "Hospitals in the north are short of doctors and beds."),
    ("The army has taken control of the airport.",
     "The army will not enter the city centre."),
    ("The talks will resume in Geneva next week.",
     "The talks failed because the other side made new demands."),
    ("Our team played well in the first half but lost concentration after the break.",
     "Our team needs two more strikers before the transfer window closes."),
    ("The government will not raise taxes this year.",
     "The government will cut spending on defence by ten percent."),
    ("The virus is spreading faster among children than among adults.",
     "Schools will stay open despite the rise in infections."),
    ("We have not received any proposals from the opposition.",
     "The opposition's proposals would ruin the economy."),
    ("Exports to the neighbouring country fell by a quarter last year.",
     "We want to double exports to the neighbouring country within five years."),
    ("The protesters will be allowed to march to the square.",
     "Protesters who attacked the police will be prosecuted."),
    ("The agreement on grain exports must be extended.",
     "The grain agreement has not been fully implemented by the other side."),
    ("Our forces have withdrawn from two villages near the front.",
     "Our forces repelled an attack near the front line overnight."),
    ("The central bank has enough reserves to defend the currency.",
     "The currency fell because of speculation by foreign funds."),
    ("We will meet the president next week to discuss the crisis.",
     "The president has not answered our letter about the crisis."),
]

# ---------------------------------------------------------------- PolNeAR pairs

_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "his", "her", "their", "its",
             "this", "these", "those", "there", "one", "some", "many", "others"}
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "the", "former"}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def speaker_key(source: str) -> str | None:
    """The last name word of a source mention ("Mr. Trump's" -> "trump"), None for a pronoun or
    a common noun ("officials")."""
    words = [w.strip(".,'’\"") for w in source.replace("’s", "").replace("'s", "").split()]
    words = [w for w in words if w]
    if not words or len(words) > 4 or _fold(words[0]) in _PRONOUNS:
        return None
    if not all(w[:1].isupper() for w in words if _fold(w) not in _TITLES):
        return None
    last = _fold(words[-1])
    return last if last not in _TITLES and last not in _PRONOUNS and len(last) > 2 else None


def _spans(field: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in part.split()) for part in field.split(";")]


def read_polnear() -> list[dict]:
    """Attributions {article, publisher, speaker, content, spans} of PolNeAR's train and dev
    splits, one annotator per article (the first file found)."""
    meta = {}
    with open(POLNEAR / "metadata.tsv", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row["publisher"]
    out = []
    for split in ("train", "dev"):
        seen = set()
        for ann in sorted((POLNEAR / split / "attributions").glob("*.ann")):
            article = ann.stem.rsplit("_", 1)[0]
            if article in seen:
                continue
            seen.add(article)
            text = (POLNEAR / split / "text" / f"{article}.txt").read_text(encoding="utf-8")
            spans, events = {}, []
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if line.startswith("T") and len(parts) >= 2:
                    kind, _, where = parts[1].partition(" ")
                    spans[parts[0]] = (kind, _spans(where))
                elif line.startswith("E") and len(parts) >= 2:
                    events.append(dict(p.split(":", 1) for p in parts[1].split()[1:] if ":" in p))
            for ev in events:
                src, con = ev.get("Source"), ev.get("Content")
                if src not in spans or con not in spans:
                    continue
                key = speaker_key(" ".join(text[a:b] for a, b in spans[src][1]))
                content = " ".join(text[a:b] for a, b in spans[con][1])
                if key and len(content.split()) >= 5:
                    out.append({"article": article, "publisher": meta.get(article, ""), "speaker": key,
                                "content": " ".join(content.split()), "spans": spans[con][1]})
    return out


def _ngrams(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def polnear_pairs(attrs: list[dict], per_speaker: int = 40, seed: int = 0) -> tuple[list, list]:
    """(positive pairs, negative pairs) of content texts, as described in the module docstring."""
    rng = random.Random(seed)
    by_article = defaultdict(list)
    by_speaker = defaultdict(list)
    for a in attrs:
        by_article[(a["article"], a["speaker"])].append(a)
        by_speaker[a["speaker"]].append(a)
    neg = []
    for group in by_article.values():
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                x, y = group[i], group[j]
                if any(a < d and c < b for a, b in x["spans"] for c, d in y["spans"]) \
                        or x["content"] == y["content"]:
                    continue  # nested or overlapping attributions, or one annotated twice
                neg.append((x["content"], y["content"]))
    pos = []
    for key, group in by_speaker.items():
        grams = [_ngrams(a["content"]) for a in group]
        found = []
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                if group[i]["article"] != group[j]["article"] and grams[i] & grams[j] \
                        and group[i]["content"] != group[j]["content"]:
                    found.append((group[i]["content"], group[j]["content"]))
        rng.shuffle(found)
        pos.extend(found[:per_speaker])
    rng.shuffle(neg)
    return pos, neg


def pair_scores(pairs: list[tuple[str, str]]) -> np.ndarray:
    """``similarity`` of each pair (all texts embedded in one pass)."""
    texts = sorted({t for pair in pairs for t in pair})
    vectors = embed(texts)
    row = {t: i for i, t in enumerate(texts)}

    def cached(batch):
        return vectors[[row[t] for t in batch]]

    return np.array([similarity([a, b], cached)[0, 1] for a, b in pairs])


def choose_threshold() -> float:
    attrs = read_polnear() if POLNEAR.is_dir() else []
    p_pos, p_neg = polnear_pairs(attrs) if attrs else ([], [])
    p_neg = p_neg[:1500]
    sets = {"written same": (pair_scores(SAME), True), "written different": (pair_scores(DIFFERENT), False)}
    if attrs:
        sets["PolNeAR same (2 articles)"] = (pair_scores(p_pos), True)
        sets["PolNeAR different (1 article)"] = (pair_scores(p_neg), False)
    else:
        print("PolNeAR not found at", POLNEAR, "- written pairs only")
    print("pairs:", {k: len(v[0]) for k, v in sets.items()})
    print("share called the same statement, by threshold:")
    print("thr   " + "  ".join(f"{k[:26]:>26}" for k in sets) + "  balanced-acc")
    best = (0.0, 0.0)
    strict = None
    for thr in np.arange(0.50, 0.96, 0.025):
        rates = {k: float((s >= thr).mean()) for k, (s, _) in sets.items()}
        tpr = np.mean([rates[k] for k, (_, y) in sets.items() if y])
        tnr = np.mean([1 - rates[k] for k, (_, y) in sets.items() if not y])
        bacc = (tpr + tnr) / 2
        best = max(best, (round(bacc, 4), -round(thr, 3)))
        if strict is None and all(rates[k] <= MAX_FALSE_MERGE for k, (_, y) in sets.items() if not y):
            strict = round(thr, 3)
        print(f"{thr:.3f} " + "  ".join(f"{rates[k]:>26.3f}" for k in sets) + f"  {bacc:.3f}")
    print(f"best balanced accuracy {best[0]:.3f} at {-best[1]:.3f}")
    print(f"lowest threshold calling at most {MAX_FALSE_MERGE:.0%} of each negative set the same: {strict}")
    chosen = strict if strict is not None else -best[1]
    print(f"chosen (the second rule): {chosen:.3f}; SAME_STATEMENT in the code: {SAME_STATEMENT:.3f}")
    return chosen


def speed(n: int) -> None:
    from newsprism.entities import EntityResolver, entity_pipeline, pipe_mentions

    rows = [json.loads(line) for line in CLUSTERS.open()][:n]
    items = [(r["uid"] if "uid" in r else str(i), r["text"]) for i, r in enumerate(rows)]
    words = sum(len(t.split()) for _, t in items)
    entity_pipeline()
    t = time.perf_counter()
    mentions = [m for _, ms in pipe_mentions(items, batch_size=32) for m in ms]
    t_ner = time.perf_counter() - t
    t = time.perf_counter()
    resolver = EntityResolver().fit(mentions)
    entities = resolver.entities
    t_fit = time.perf_counter() - t
    print(f"entities: {len(items)} articles, {words} words: mentions {t_ner:.1f}s "
          f"({len(items) / t_ner:.1f} articles/s), resolution {t_fit:.2f}s -> {len(mentions)} mentions, "
          f"{len(entities)} entities")
    sentences = [s for _, text in items[:60] for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 5][:512]
    embed(sentences[:8])
    t = time.perf_counter()
    embed(sentences)
    t_emb = time.perf_counter() - t
    print(f"statements: embedding {len(sentences)} sentences {t_emb:.1f}s ({len(sentences) / t_emb:.0f}/s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--speed", type=int, default=300, help="articles for the speed run")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    choose_threshold()
    if not args.no_speed and CLUSTERS.is_file():
        speed(args.speed)


if __name__ == "__main__":
    main()
