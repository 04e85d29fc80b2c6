#!/usr/bin/env python3
"""Check bench/queries.tsv against the installed corpus described by bench/corpus.toml.

- every relevant id must exist as <root>/<id>.html under a root of the query's locale
  (and not be listed in that root's `exclude`)
- kinds, languages, 1-3 ids per query, 1-6 words per query, no duplicate (lang, query)
- prints counts per kind and per language; exits 1 on any error.

Stdlib only (python3 >= 3.11 for tomllib).  Usage: python3 bench/check_queries.py
"""
import os
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = ["title", "question", "inflection", "typo", "partial", "accent", "elision", "anglicism"]
FR_ONLY = {"accent", "elision", "anglicism"}


def corpus_ids():
    with open(os.path.join(HERE, "corpus.toml"), "rb") as f:
        cfg = tomllib.load(f)
    ids = defaultdict(set)
    for r in cfg["roots"]:
        root = r["path"]
        if not os.path.isdir(root):
            sys.exit(f"corpus root missing: {root} (install: {' '.join(cfg['packages'])})")
        exclude = set(r.get("exclude", []))
        for dirpath, _dirs, files in os.walk(root):
            for fn in files:
                if fn.endswith(".html"):
                    aid = os.path.relpath(os.path.join(dirpath, fn), root)[: -len(".html")]
                    if aid not in exclude:
                        ids[r["locale"]].add(aid)
    return ids


def main():
    ids = corpus_ids()
    errors = []
    with open(os.path.join(HERE, "queries.tsv"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if lines[0] != "lang\tkind\tquery\trelevant_ids":
        errors.append(f"bad header: {lines[0]!r}")
    seen = set()
    per_kind = Counter()
    per_lang = Counter()
    table = Counter()
    n_ids = Counter()
    apostrophes = Counter()
    for ln, line in enumerate(lines[1:], start=2):
        cols = line.split("\t")
        if len(cols) != 4:
            errors.append(f"line {ln}: expected 4 columns, got {len(cols)}")
            continue
        lang, kind, query, rel = cols
        where = f"line {ln} [{lang}/{kind}] {query!r}"
        if lang not in ids:
            errors.append(f"{where}: unknown lang")
            continue
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind")
        if kind in FR_ONLY and lang != "fr":
            errors.append(f"{where}: kind {kind} is French-only")
        if query != query.strip() or not query:
            errors.append(f"{where}: empty query or surrounding spaces")
        nwords = len(query.split())
        if not 1 <= nwords <= 6:
            errors.append(f"{where}: {nwords} words (want 1-6)")
        if (lang, query.casefold()) in seen:
            errors.append(f"{where}: duplicate query")
        seen.add((lang, query.casefold()))
        if kind == "accent":
            if any(unicodedata.decomposition(c).split()[1:2] and ord(c) > 127 for c in query):
                errors.append(f"{where}: accent query still contains accented letters")
        if kind == "elision":
            if "'" in query:
                apostrophes["'"] += 1
            if "\u2019" in query:
                apostrophes["\u2019"] += 1
            if "'" not in query and "\u2019" not in query:
                errors.append(f"{where}: elision query without apostrophe")
        rl = [x for x in rel.split(",")]
        if not 1 <= len(rl) <= 3:
            errors.append(f"{where}: {len(rl)} relevant ids (want 1-3)")
        if len(set(rl)) != len(rl):
            errors.append(f"{where}: repeated id")
        for rid in rl:
            if rid not in ids[lang]:
                errors.append(f"{where}: id {rid!r} not in {lang} corpus")
        n_ids[len(rl)] += 1
        per_kind[kind] += 1
        per_lang[lang] += 1
        table[(kind, lang)] += 1

    langs = sorted(per_lang)
    print(f"{'kind':12}" + "".join(f"{l:>6}" for l in langs) + f"{'total':>7}")
    for k in KINDS:
        print(f"{k:12}" + "".join(f"{table[(k, l)]:>6}" for l in langs) + f"{per_kind[k]:>7}")
    print(f"{'total':12}" + "".join(f"{per_lang[l]:>6}" for l in langs) + f"{sum(per_lang.values()):>7}")
    print("relevant ids per query: " + ", ".join(f"{k}: {v}" for k, v in sorted(n_ids.items())))
    print(f"elision queries using ' : {apostrophes[chr(39)]}, using \u2019 : {apostrophes[chr(0x2019)]}")
    for k in KINDS:
        if per_kind[k] < 10:
            errors.append(f"kind {k}: only {per_kind[k]} queries (want >= 10)")
    for l in langs:
        if per_lang[l] < 45:
            errors.append(f"lang {l}: only {per_lang[l]} queries (want >= 45)")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: every relevant id exists in the corpus for its query's language")


if __name__ == "__main__":
    main()
