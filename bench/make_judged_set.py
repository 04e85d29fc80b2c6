#!/usr/bin/env python3
"""Build bench/judged.tsv: the judged query set the search benchmark tunes and reports on.

Nobody on the project judged most of it. Its sources:
- `ours`: the project's own 110 queries (bench/queries.tsv), judged by reading the pages.
- `lo-index` / `gimp-index`: the help's own alphabetical index, written by the LibreOffice and
  GIMP documentation teams. Each entry ("AutoCorrect function -- turning off") names the pages
  it points to; those pages are its relevant ids. LibreOffice's is `<lang>/bookmarks.js`,
  GIMP's is `gimp-help-index.html` (the page the corpus excludes from the articles).

Kinds of query made from an index entry (each entry is used once):
- `index`: the entry as a user would type it (sub-entry first: "turning off AutoCorrect function").
- `question`: the same wrapped in a question frame of its language ("how do I …", "comment …"):
  the frames are ours, the judgement is still the index's.
- `accent` (fr): an entry with accents, typed without them.
- `elision` (fr): an entry with an elided word (l', d', qu'…), typed with the other apostrophe.

Every query then goes to one half, `tune` or `test`, by the first byte of the SHA-256 of
"<lang>\t<query>": fixed, so nobody can move a query to the half that suits them. Tune on `tune`
only; `test` is what the README reports as the held-out figure.

Deterministic for a given corpus (seeded sampling over sorted entries). Stdlib only.
Usage: python3 bench/make_judged_set.py   (needs the corpus packages: see bench/corpus.toml)
"""
import hashlib
import html
import os
import random
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
LO_HELP = "/usr/share/libreoffice/help"
GIMP_HELP = "/usr/share/gimp/2.0/help"

# How many entries of each kind, per language (LibreOffice, GIMP).
SAMPLE = {
    "index": (170, 50),
    "question": (70, 25),
}
FR_ACCENT = 50
FR_ELISION = 30

FRAMES = {
    "en": [
        "how do I {}",
        "how to {}",
        "how can I use {}",
        "where do I find {}",
        "what is {}",
        "help with {}",
        "I need {}",
    ],
    "fr": [
        "comment {}",
        "comment utiliser {}",
        "est-ce que je peux avoir {}",
        "où trouver {}",
        "qu'est-ce que {}",
        "pour {}",
        "je cherche {}",
    ],
}

# Spreadsheet and Basic function names ("MATCH function", "RECHERCHEV, fonction") would be
# a third of the LibreOffice index and are found by one exact word: keep a few, not hundreds.
FUNCTION_NAME = re.compile(r"\b[A-Z][A-Z0-9_.]{2,}\b")
FUNCTION_SHARE = 0.05


def corpus_ids():
    with open(os.path.join(HERE, "corpus.toml"), "rb") as f:
        cfg = tomllib.load(f)
    ids = defaultdict(set)
    for root in cfg["roots"]:
        if not os.path.isdir(root["path"]):
            sys.exit(f"corpus root missing: {root['path']} (install: {' '.join(cfg['packages'])})")
        exclude = set(root.get("exclude", []))
        for dirpath, _dirs, files in os.walk(root["path"]):
            for name in files:
                if name.endswith(".html"):
                    rel = os.path.relpath(os.path.join(dirpath, name), root["path"])
                    if rel[:-5] not in exclude:
                        ids[root["locale"]].add(rel[:-5])
    return ids


def as_typed(entry):
    """ "AutoCorrect function -- turning off" → "turning off AutoCorrect function"."""
    parts = [part.strip(" ,;") for part in re.split(r"\s*--\s*|;", entry) if part.strip(" ,;")]
    if len(parts) > 1:
        parts = parts[1:] + parts[:1]
    text = " ".join(parts)
    text = re.sub(r"\s*,\s*fonction\b", " fonction", text)
    return re.sub(r"\s+", " ", text).strip()


def lo_entries(lang_dir):
    text = open(os.path.join(LO_HELP, lang_dir, "bookmarks.js"), encoding="utf-8").read()
    entries = defaultdict(set)
    for url, entry in re.findall(r'\{url:"[^/]+/text/([^"?#]+)\.html[^"]*", app:"[^"]*", text:"([^"]*)"\}', text):
        entries[html.unescape(entry)].add(url)
    return entries


def gimp_entries(lang):
    text = open(os.path.join(GIMP_HELP, lang, "gimp-help-index.html"), encoding="utf-8").read()
    entries = defaultdict(set)
    parent = None
    depth = 0
    for token in re.finditer(r"<dd>|</dd>|<dt[^>]*>(.*?)</dt>", text, re.S):
        if token.group(0) == "<dd>":
            depth += 1
            continue
        if token.group(0) == "</dd>":
            depth -= 1
            continue
        inner = token.group(1)
        term = html.unescape(re.sub(r"<[^>]+>", "", inner.split("<a", 1)[0])).strip(" ,\n")
        term = re.sub(r"\s+", " ", term)
        pages = {href.split("#")[0][:-5] for href in re.findall(r'href="([^"]+\.html)[^"]*"', inner)}
        if depth == 0:
            parent = term
            full = term
        else:
            full = f"{parent} -- {term}"
        if pages:
            entries[full] |= pages
    return entries


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def half_of(lang, query):
    return "tune" if hashlib.sha256(f"{lang}\t{query}".encode()).digest()[0] % 2 == 0 else "test"


def main():
    ids = corpus_ids()
    rows = []
    seen = set()

    def add(lang, kind, source, query, relevant):
        relevant = sorted(page for page in relevant if page in ids[lang])[:5]
        key = (lang, query.lower())
        words = query.split()
        if not relevant or key in seen or not 1 <= len(words) <= 12:
            return False
        seen.add(key)
        rows.append((half_of(lang, query), lang, kind, source, query, ",".join(relevant)))
        return True

    with open(os.path.join(HERE, "queries.tsv"), encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            lang, kind, query, relevant = line.split("\t")
            add(lang, kind, "ours", query, relevant.split(","))

    for lang, lo_dir in [("en", "en-US"), ("fr", "fr")]:
        rng = random.Random(f"helpline-judged-{lang}")
        for source, entries, column in [
            ("lo-index", lo_entries(lo_dir), 0),
            ("gimp-index", gimp_entries(lang), 1),
        ]:
            names = sorted(entries)
            rng.shuffle(names)
            quota = {kind: counts[column] for kind, counts in SAMPLE.items()}
            if lang == "fr" and column == 0:
                quota["accent"] = FR_ACCENT
                quota["elision"] = FR_ELISION
            functions_left = int(FUNCTION_SHARE * quota["index"])
            for entry in names:
                if not any(quota.values()):
                    break
                typed = as_typed(entry)
                if len(typed) < 3 or not re.search(r"[^\W\d]", typed):
                    continue
                if FUNCTION_NAME.search(entry):
                    if functions_left == 0 or quota["index"] == 0:
                        continue
                    functions_left -= 1
                    quota["index"] -= int(add(lang, "index", source, typed, entries[entry]))
                    continue
                if quota.get("elision") and re.search(r"\b(?:l|d|qu|j|n|s)['’]\w", typed, re.I):
                    other = typed.replace("'", "\0").replace("’", "'").replace("\0", "’")
                    quota["elision"] -= int(add(lang, "elision", source, other, entries[entry]))
                elif quota.get("accent") and strip_accents(typed) != typed:
                    quota["accent"] -= int(add(lang, "accent", source, strip_accents(typed), entries[entry]))
                elif quota["question"] and len(typed.split()) <= 6:
                    frame = rng.choice(FRAMES[lang])
                    topic = typed if typed[:2].isupper() else typed[:1].lower() + typed[1:]
                    quota["question"] -= int(add(lang, "question", source, frame.format(topic), entries[entry]))
                elif quota["index"]:
                    quota["index"] -= int(add(lang, "index", source, typed, entries[entry]))

    rows.sort(key=lambda row: (row[3] != "ours", row[1], row[2], row[4].lower()))
    out = os.path.join(HERE, "judged.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("half\tlang\tkind\tsource\tquery\trelevant_ids\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    counts = defaultdict(int)
    for half, lang, kind, source, _query, _ids in rows:
        counts[(half, lang, kind)] += 1
    print(f"{len(rows)} queries written to {out}")
    for key in sorted(counts):
        print("  ", *key, counts[key])


if __name__ == "__main__":
    main()
