"""How the same-statement score, threshold and clustering were chosen, and how fast entities and
statements run.

    python benchmarks/statements.py [--speed N] [--no-speed]

Part 1, the score and threshold (``newsprism.statements.SEMANTIC``, ``SAME_STATEMENT``). The score
of a pair of quotes is ``statements.similarity``: the larger of a meaning similarity and the
content-word overlap. Three meaning similarities are compared: the MiniLM cosine (mean-pooled
sentence embeddings), the BERTScore-style token alignment, and their mean. They are measured on
pairs that are *not* the sample corpus:

* PolNeAR negatives: two attributions in one article whose sources name the same person (same
  last name word), with disjoint contents of five words or more: different statements by one
  speaker in one article (same speaker, same topic, same day). Some are the lead's summary of a
  quote given later in full (a true repeat): label noise that only makes the measured false-merge
  rate look worse than it is.
* PolNeAR positives: attributions of the same person in two different articles whose contents
  share a run of eight words: one statement reported by two outlets.
* Written pairs (below, invented for this benchmark): one statement in two renderings, as two
  outlets translate or paraphrase it or quote a part of it (positives); two different statements
  of one speaker on one subject (negatives); and hard negatives: two different statements of one
  speaker in one developing story that share the story's key words (the place, the parties, the
  operation, the talks), as two outlets covering the story would carry them.

For each score the script prints the AUC (threshold-free) and, for each threshold, the rate of
pairs called the same in each set. The threshold chosen is the lowest that calls at most 2% of
the pairs of each negative set the same (or one pair, for a set too small to measure 2%): a
speaker with n quotes in a story gives n(n-1)/2 pairs, nearly all different statements, so a
false merge rate that balanced accuracy accepts would merge several statements in every long story.

Part 2, the clustering (``LINKAGE``): PolNeAR speakers quoted with the same words in several
articles (articles joined by such quotes stand for a story) are grouped by ``group_statements``
with each linkage; the script counts the same-statement pairs kept together and the
different-statement pairs (one article) merged, and times the grouping. The linkage chosen by the
same rule: the most same pairs kept together with at most 2% of different pairs merged.

The sample corpus plays no part in any choice.

Part 3, speed: entity mentions (entity recogniser only, ``nlp.pipe``) and resolution over N
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

from newsprism.statements import (LINKAGE, SAME_STATEMENT, SEMANTIC, QuoteItem, embed, encode,  # noqa: E402
                                  group_statements, similarity, token_alignment)

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

# written positives of the hardest kind: one statement, rendered by two outlets: a translation, a paraphrase, or one quoting a part of the other
SAME_RENDERED = [
    ("We were pleased with the memorandum agreed in Minsk two years ago, and so were our partners. We ceased to be "
     "pleased when the shelling of our towns resumed.",
     "We used to be satisfied with the Minsk memorandum of two years ago, and the satisfaction was mutual. It ended "
     "when our towns came under fire again."),
    ("The meetings with the Russian delegation on ending the fighting in the province have brought no results and "
     "are far from what we want.",
     "talks with Russian officials on stopping the bloodshed in the province had failed, far from what we want"),
    ("The start of the offensive on the southern front is only a question of days.",
     "the offensive in the south would begin within days"),
    ("The central bank will do whatever is necessary to protect the currency, including selling its reserves.",
     "The bank is prepared to take all necessary measures, among them the sale of reserves, to defend the national "
     "currency."),
    ("Nobody promised the militants that they would be safe in the buffer zone; just read the agreement between the "
     "two presidents.",
     "no one ever guaranteed the militants' safety in the buffer zone"),
    ("The union will not sign any agreement that does not include a pay rise for every worker.",
     "The union won't sign a deal without a wage increase for all employees."),
    ("The defendant showed no remorse during the whole trial.",
     "Throughout the proceedings the accused did not show any regret."),
    ("There are now more than three hundred patients in intensive care, twice as many as a week ago.",
     "The number of patients in intensive care has doubled in a week to over 300."),
    ("The vote was free and fair, and the international observers have confirmed it.",
     "the election had been free and fair, as international observers confirmed"),
    ("We are ready to keep working with Warsaw on the border crossings, at any level, including the highest.",
     "the country was willing to continue talks with Poland on the border crossings at the highest level"),
    ("A new round of consultations between our two ministries is being prepared and will take place in the coming "
     "weeks.",
     "another round of consultations between the two ministries was being prepared"),
    ("The strike will go on until the company withdraws its plan to close the Kowary plant.",
     "We will continue the strike as long as the management does not drop the plan to shut the plant in Kowary."),
]

# one speaker, one developing story, two different statements sharing the story's key words (the
# place, the parties, the operation, the talks), as two outlets covering the story would carry them
HARD_DIFFERENT = [
    # a war and a ceasefire
    ("We will not hand Marivka over to the separatists; our forces will hold the town whatever it costs.",
     "The offensive to retake the area around Marivka will begin within days; it is only a matter of time."),
    ("The ceasefire in the Dolina region was violated forty times over the weekend by the rebel side.",
     "We are ready to extend the ceasefire in the Dolina region if the rebels pull their artillery back."),
    ("The talks in Geneva on the ceasefire ended without an agreement, far from what we had hoped for.",
     "The next round of talks in Geneva on the ceasefire will deal with the exchange of prisoners."),
    ("Our operation east of the river is aimed only at the armed groups, not at the civilians there.",
     "The operation east of the river has so far cost the lives of eleven of our soldiers."),
    ("Humanitarian corridors out of the besieged city of Sarny will open on Thursday morning.",
     "The besieged city of Sarny has been without electricity and running water for two weeks."),
    ("I explain this at such length because everyone seems to have forgotten what was agreed in Astana last year.",
     "The agreement signed in Astana last year obliged both sides to withdraw heavy weapons from the buffer zone."),
    ("The army has made every preparation for an operation in the valley and can go in at any moment.",
     "An operation in the valley would be in line with the agreement, because disarming the militants is our "
     "duty under it."),
    # an election
    ("The Social Democrats will not enter a coalition with the nationalists after Sunday's election.",
     "The Social Democrats expect to win at least a third of the seats in Sunday's election."),
    ("The election commission must recount the ballots in the northern districts.",
     "The election commission has ignored hundreds of complaints about vote buying in the northern districts."),
    ("I will accept the result of the runoff, whatever it is.",
     "The runoff should be postponed until the flooded districts are able to vote."),
    ("Turnout in the capital was lower than in the last presidential election.",
     "Voters in the capital rejected the president's plan to raise the retirement age at the election."),
    # a central bank
    ("The central bank will keep interest rates at four percent until inflation returns to target.",
     "Inflation will come back to the central bank's two percent target by the end of next year."),
    ("The central bank is ready to sell reserves to stop the fall of the lira.",
     "The fall of the lira is the result of political uncertainty, not of the central bank's policy."),
    ("We raised the key rate by half a point today to cool down lending.",
     "A further rise in the key rate at our next meeting cannot be ruled out."),
    ("The bank's board was unanimous in its decision to cut interest rates.",
     "The cut in interest rates will make mortgages cheaper for young families."),
    # a strike
    ("The rail strike will go on until management agrees to a seven percent pay rise.",
     "More than ninety percent of rail workers have joined the strike, and freight traffic has come to a halt."),
    ("The union has not received any new offer from the ministry since Monday.",
     "The union is ready to return to the talks with the ministry at any time."),
    ("Miners at the Kowary pits will walk out on Friday if the closure plan is not withdrawn.",
     "The closure plan for the Kowary pits would leave four thousand miners without work."),
    ("The nurses' strike is about staffing levels on the wards, not only about pay.",
     "The nurses' strike will spread to the children's hospitals next week."),
    # a trial
    ("My client is innocent and will appeal the verdict to the supreme court.",
     "The verdict ignores the testimony of three witnesses who saw my client elsewhere that night."),
    ("The prosecution will ask for a sentence of twelve years for the former minister.",
     "The former minister took bribes from construction companies for at least six years."),
    ("The trial of the former mayor will resume on Monday with the testimony of his driver.",
     "The former mayor's driver has been threatened and needs police protection before the trial."),
    ("The court has refused to hear our expert witness on the phone records.",
     "The phone records show that the defendant was in the capital on the night of the murder."),
    # an epidemic
    ("The number of new infections in the province has doubled in a week.",
     "The province will close schools and restaurants from Monday to slow down the infections."),
    ("The vaccine will be available to everyone over sixty from next month.",
     "More than half of the patients over sixty in hospital with the virus have not been vaccinated."),
    ("Hospitals in the capital have run out of intensive care beds for virus patients.",
     "The capital will get two field hospitals for virus patients by the end of the week."),
    ("The lockdown will be lifted step by step, starting with shops and schools.",
     "The lockdown has saved thousands of lives, and those who say otherwise ignore the data."),
    ("The outbreak at the meat plant has spread to three neighbouring villages.",
     "The meat plant will stay closed until every worker has been tested for the virus."),
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


def pair_components(pairs: list[tuple[str, str]]) -> dict[str, np.ndarray]:
    """The parts of ``similarity`` for each pair: the cosine, the token alignment and the guarded
    word overlap (all texts encoded in one pass)."""
    texts = sorted({t for pair in pairs for t in pair})
    vectors, tokens = encode(texts)
    row = {t: i for i, t in enumerate(texts)}
    cos, aligned, over = [], [], []
    for a, b in pairs:
        i, j = row[a], row[b]
        cos.append(float(vectors[i] @ vectors[j]))
        aligned.append(float(token_alignment([tokens[i], tokens[j]])[0, 1]))
        over.append(similarity([a, b], lambda t: np.eye(len(t)))[0, 1])  # orthogonal vectors: the overlap alone
    return {"cosine": np.array(cos), "alignment": np.array(aligned), "overlap": np.array(over)}


# the meaning similarities compared: the cosine alone (before), the alignment alone, their mean
VARIANTS = {
    "cosine": lambda c: np.maximum(c["cosine"], c["overlap"]),
    "mean": lambda c: np.maximum((c["cosine"] + c["alignment"]) / 2, c["overlap"]),
    "alignment": lambda c: np.maximum(c["alignment"], c["overlap"]),
}


def pair_sets() -> dict[str, tuple[list, bool]]:
    """The labelled pair sets: {name: (pairs, same statement?)}."""
    attrs = read_polnear() if POLNEAR.is_dir() else []
    sets = {"written same": (SAME, True), "written rendered": (SAME_RENDERED, True),
            "written different": (DIFFERENT, False), "written hard different": (HARD_DIFFERENT, False)}
    if attrs:
        p_pos, p_neg = polnear_pairs(attrs)
        sets["PolNeAR same (2 art.)"] = (p_pos, True)
        sets["PolNeAR different (1 art.)"] = (p_neg[:1500], False)
    else:
        print("PolNeAR not found at", POLNEAR, "- written pairs only")
    return sets


def allowed_false_merges(n: int) -> float:
    """The false-merge rate a negative set of ``n`` pairs may show: ``MAX_FALSE_MERGE``, or one
    pair when the set is too small to measure that rate (28 written pairs cannot tell 2% from 0%:
    one pair is 3.6%, and "none" would let a single invented pair set the threshold)."""
    return max(MAX_FALSE_MERGE, 1 / n) if n else 1.0


def strict_threshold(rates_by_thr: dict[float, dict[str, float]], allowed: dict[str, float]) -> float | None:
    """The lowest threshold at which every negative set stays within its ``allowed`` rate."""
    return next((thr for thr, rates in sorted(rates_by_thr.items())
                 if all(rates[k] <= limit + 1e-9 for k, limit in allowed.items())), None)


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a positive pair scores above a negative one (ties count half)."""
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(np.r_[np.ones(len(pos)), np.zeros(len(neg))], np.r_[pos, neg]))


def choose_threshold(sets: dict[str, tuple[list, bool]] | None = None) -> float:
    sets = sets or pair_sets()
    parts = {k: pair_components(pairs) for k, (pairs, _) in sets.items()}
    negatives = [k for k, (_, y) in sets.items() if not y]
    positives = [k for k, (_, y) in sets.items() if y]
    print("pairs:", {k: len(v[0]) for k, v in sets.items()})
    allowed = {k: allowed_false_merges(len(sets[k][0])) for k in negatives}
    print("AUC of the score (all positive pairs against each negative set; threshold-free):")
    for name, score in VARIANTS.items():
        pos = np.concatenate([score(parts[k]) for k in positives])
        print(f"  {name:>10}: " + "  ".join(f"{k}={auc(pos, score(parts[k])):.3f}" for k in negatives)
              + "  PolNeAR only=" + (f"{auc(score(parts[positives[-1]]), score(parts[negatives[-1]])):.3f}"
                                      if len(positives) > 2 else "-"))
    chosen = {}
    for name, score in VARIANTS.items():
        scores = {k: score(c) for k, c in parts.items()}
        table = {round(thr, 3): {k: float((s >= thr).mean()) for k, s in scores.items()}
                 for thr in np.arange(0.50, 0.96, 0.025)}
        print(f"\n[{name}] share called the same statement, by threshold:")
        print("thr   " + " ".join(f"{k[:24]:>24}" for k in sets) + "  bal-acc")
        for thr, rates in table.items():
            bacc = (np.mean([rates[k] for k in positives]) + np.mean([1 - rates[k] for k in negatives])) / 2
            print(f"{thr:.3f} " + " ".join(f"{rates[k]:>24.3f}" for k in sets) + f"  {bacc:.3f}")
        chosen[name] = strict_threshold(table, allowed)
        print(f"[{name}] lowest threshold calling at most {MAX_FALSE_MERGE:.0%} (or one pair) of each negative "
              f"set the same: {chosen[name]}")
    print("\nsummary at each variant's chosen threshold (rate called the same):")
    print(f"{'variant':>10} {'thr':>6} " + " ".join(f"{k[:24]:>24}" for k in sets))
    for name, thr in chosen.items():
        if thr is not None:
            s = {k: float((VARIANTS[name](c) >= thr).mean()) for k, c in parts.items()}
            print(f"{name:>10} {thr:>6.3f} " + " ".join(f"{s[k]:>24.3f}" for k in sets))
    print(f"in the code: SEMANTIC = {SEMANTIC!r}, SAME_STATEMENT = {SAME_STATEMENT:.3f} "
          f"(this rule gives {chosen.get(SEMANTIC)})")
    return chosen.get(SEMANTIC) or SAME_STATEMENT


# ---------------------------------------------------------------- groups: one speaker, several articles


def polnear_story_groups(attrs: list[dict], max_quotes: int = 60) -> list[list[dict]]:
    """Attributions of one speaker in articles that quote that speaker with the same words (an
    eight-word run in common): the quotes a story's statements are grouped from. Articles are
    joined when they share such a quote; each group is one speaker in one connected set."""
    by_speaker = defaultdict(list)
    for a in attrs:
        by_speaker[a["speaker"]].append(a)
    groups = []
    for key, quotes in sorted(by_speaker.items()):
        grams = [_ngrams(a["content"]) for a in quotes]
        parent: dict[str, str] = {}

        def root(x):
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x
        for i in range(len(quotes)):
            for j in range(i + 1, len(quotes)):
                if quotes[i]["article"] != quotes[j]["article"] and grams[i] & grams[j]:
                    parent[root(quotes[i]["article"])] = root(quotes[j]["article"])
        linked = defaultdict(list)
        for a in quotes:
            if a["article"] in parent:
                linked[root(a["article"])].append(a)
        groups += [g[:max_quotes] for g in linked.values()]
    return groups


def group_check(attrs: list[dict], threshold: float) -> None:
    """Cluster each story group as ``group_statements`` does and count, over the labelled pairs
    inside the groups, the same-statement pairs kept together and the different-statement pairs
    (one article, disjoint attributions) merged; for each linkage; and time the grouping."""
    groups = polnear_story_groups(attrs)
    items, story_of = [], {}
    for g_id, g in enumerate(groups):
        for k, a in enumerate(g):
            article = f"{g_id}/{a['article']}"
            story_of[article] = f"g{g_id}"
            items.append(QuoteItem(f"{article}:{k}", article, a["content"], a["speaker"], a["speaker"]))
    n_quotes = len(items)
    print(f"\ngroups: {len(groups)} speaker-story groups from PolNeAR, {n_quotes} quotes, "
          f"at threshold {threshold:.3f}")
    labels = {}
    for g_id, g in enumerate(groups):
        grams = [_ngrams(a["content"]) for a in g]
        for i in range(len(g)):
            for j in range(i + 1, len(g)):
                x, y = g[i], g[j]
                if x["article"] != y["article"] and grams[i] & grams[j] and x["content"] != y["content"]:
                    labels[(g_id, i, j)] = True
                elif x["article"] == y["article"] and x["content"] != y["content"] and not any(
                        a < d and c < b for a, b in x["spans"] for c, d in y["spans"]):
                    labels[(g_id, i, j)] = False
    print(f"labelled pairs inside the groups: {sum(labels.values())} same, "
          f"{sum(not v for v in labels.values())} different")
    kept = {}
    for method in ("average", "complete", "single"):
        t = time.process_time()
        statements = group_statements(items, story_of=story_of, threshold=threshold, linkage=method)
        cpu = time.process_time() - t
        where = {q: s.id for s in statements for q in s.quotes}
        same = {True: [], False: []}
        for (g_id, i, j), y in labels.items():
            art_i, art_j = f"{g_id}/{groups[g_id][i]['article']}", f"{g_id}/{groups[g_id][j]['article']}"
            same[y].append(where[f"{art_i}:{i}"] == where[f"{art_j}:{j}"])
        if np.mean(same[False]) <= MAX_FALSE_MERGE:
            kept[method] = float(np.mean(same[True]))
        print(f"  {method:>8}: same pairs kept together {np.mean(same[True]):.3f}, different pairs merged "
              f"{np.mean(same[False]):.3f}, {len(statements)} statements; grouping {n_quotes} quotes "
              f"{cpu:.1f}s CPU (model loaded)")
    print(f"linkage with the most same pairs together, at most {MAX_FALSE_MERGE:.0%} different merged: "
          f"{max(kept, key=kept.get) if kept else None}; LINKAGE in the code: {LINKAGE!r}")
    sample = attrs[:1000]  # every attribution of the first articles, one story per article
    items = [QuoteItem(f"{a['article']}:{k}", a["article"], a["content"], a["speaker"], a["speaker"])
             for k, a in enumerate(sample)]
    t = time.process_time()
    group_statements(items, story_of={a["article"]: a["article"] for a in sample}, threshold=threshold)
    print(f"grouping {len(items)} PolNeAR quotes (one story per article): {time.process_time() - t:.1f}s CPU")


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
    sets = pair_sets()
    threshold = choose_threshold(sets)
    if POLNEAR.is_dir():
        group_check(read_polnear(), threshold)
    if not args.no_speed and CLUSTERS.is_file():
        speed(args.speed)


if __name__ == "__main__":
    main()
