#!/usr/bin/env python3
"""Extract title + body text from the benchmark corpus and print statistics.

Reads bench/corpus.toml, walks every root, and applies the boilerplate rules
described in CORPUS.md.  Stdlib only (python3 >= 3.11 for tomllib).

  python3 bench/corpus_stats.py            # statistics
  python3 bench/corpus_stats.py --dump ID  # print extracted title/body of ID for every locale
"""
import html.parser
import os
import re
import sys
import tomllib
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))

# GIMP (DocBook XSL): drop the navigation header/footer tables and generated tables of contents.
# LibreOffice (help xsl): keep only <div id="DisplayArea">; drop header, asides, footer (debug info).
DROP_CLASSES = {"navheader", "navfooter", "toc"}
LO_SYSTEM_VARIANTS = {"MAC", "WIN", "UNIX"}
VOID = {"br", "hr", "img", "meta", "link", "input", "base", "col", "area", "wbr", "source"}
SECTION_NUM = re.compile(
    r"^(?:(?:Chapter|Chapitre|Part|Partie|Appendix|Annexe)\s+)?[0-9IVXLA-Z]+(?:\.[0-9]+)*\.\s+"
)


class Extract(html.parser.HTMLParser):
    def __init__(self, flavour):
        super().__init__(convert_charrefs=True)
        self.flavour = flavour
        self.stack = []  # (tag, keep_flag)
        self.title = []
        self.h1 = None
        self.in_title = False
        self.in_h1 = False
        self.body = []
        self.drop_depth = 0  # >0 while inside dropped subtree
        self.keep_depth = 0  # LibreOffice: >0 while inside DisplayArea

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "title":
            self.in_title = True
        if tag in VOID:
            if tag == "br" and self.active():
                self.body.append("\n")
            return
        cls = set((a.get("class") or "").split())
        drop = False
        keep = False
        if self.flavour == "gimp":
            drop = bool(cls & DROP_CLASSES)
        else:
            if a.get("id") == "DisplayArea":
                keep = True
            if tag in ("header", "footer", "aside", "script", "style"):
                drop = True
            # "Related Topics" link lists: titles of other pages, not this page's content
            if "relatedtopics" in cls:
                drop = True
            # platform variants of one phrase (<span hidden class="MAC">LibreOffice - Preferences</span>
            # next to the default "Tools - Options"): keep the default, drop MAC/WIN/UNIX
            if "hidden" in a and cls & LO_SYSTEM_VARIANTS:
                drop = True
            if "hidden" in a and self.active():
                self.body.append(" ")
        if tag in ("script", "style", "head"):
            drop = True
        self.stack.append((tag, drop, keep))
        if drop:
            self.drop_depth += 1
        if keep:
            self.keep_depth += 1
        if tag == "h1" and self.h1 is None:
            self.in_h1 = True
            self.h1 = []
        if tag in ("p", "div", "h1", "h2", "h3", "h4", "li", "tr", "dt", "dd", "pre", "table"):
            if self.active():
                self.body.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in VOID:
            return
        # pop to the matching tag (tolerates sloppy nesting)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for t, d, k in self.stack[i:]:
                    if d:
                        self.drop_depth -= 1
                    if k:
                        self.keep_depth -= 1
                del self.stack[i:]
                break

    def active(self):
        if self.drop_depth:
            return False
        if self.flavour == "libreoffice":
            return self.keep_depth > 0
        return True

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.in_h1 and self.h1 is not None:
            self.h1.append(data)
        if self.active():
            self.body.append(data)


def norm(s):
    return re.sub(r"[ \t\r\f\v\u00a0]+", " ", re.sub(r"\s*\n\s*", "\n", s)).strip()


def extract(path, flavour):
    with open(path, "rb") as f:
        raw = f.read()
    text = raw.decode("utf-8")  # all files declare and are valid UTF-8
    p = Extract(flavour)
    p.feed(text)
    p.close()
    title = norm("".join(p.title)).replace("\n", " ")
    if flavour == "gimp":
        title = SECTION_NUM.sub("", title)
    body = norm("".join(p.body))
    return title, body, len(raw)


def load_config():
    with open(os.path.join(HERE, "corpus.toml"), "rb") as f:
        return tomllib.load(f)


def walk(cfg):
    """yield (locale, source, id, path, flavour)"""
    for r in cfg["roots"]:
        root = r["path"]
        flavour = r.get("source")
        exclude = set(r.get("exclude", []))
        for dirpath, _dirs, files in os.walk(root):
            for fn in sorted(files):
                if not fn.endswith(".html"):
                    continue
                full = os.path.join(dirpath, fn)
                aid = os.path.relpath(full, root)[: -len(".html")]
                if aid in exclude:
                    continue
                yield r["locale"], r.get("source", ""), aid, full, flavour


def main():
    cfg = load_config()
    if len(sys.argv) > 2 and sys.argv[1] == "--dump":
        for loc, src, aid, path, flav in walk(cfg):
            if aid == sys.argv[2]:
                t, b, _ = extract(path, flav)
                print(f"== [{loc}] {aid}  ({path})\nTITLE: {t}\n{b}\n")
        return
    pages = defaultdict(int)
    raw_bytes = defaultdict(int)
    text_bytes = defaultdict(int)
    ids = defaultdict(set)
    empty_title = defaultdict(int)
    dup = 0
    titles = {}
    bodies = {}
    for loc, src, aid, path, flav in walk(cfg):
        t, b, n = extract(path, flav)
        key = (loc, src)
        pages[key] += 1
        raw_bytes[key] += n
        text_bytes[key] += len((t + "\n" + b).encode("utf-8"))
        if aid in ids[loc]:
            dup += 1
        ids[loc].add(aid)
        if not t:
            empty_title[key] += 1
        titles[(loc, aid)] = t
        bodies[(loc, aid)] = b
    for key in sorted(pages):
        print(
            f"{key[0]:3} {key[1]:12} pages={pages[key]:5} html={raw_bytes[key]/1e6:6.1f} MB "
            f"text={text_bytes[key]/1e6:6.2f} MB empty_titles={empty_title[key]}"
        )
    locs = sorted(ids)
    total = sum(pages.values())
    print(f"total pages={total}  text={sum(text_bytes.values())/1e6:.2f} MB  duplicate ids within a locale={dup}")
    if len(locs) == 2:
        a, b = locs
        common = ids[a] & ids[b]
        print(f"ids in both {a} and {b}: {len(common)}; only {a}: {len(ids[a]-ids[b])}; only {b}: {len(ids[b]-ids[a])}")
        same_body = sum(1 for i in common if bodies[(a, i)] == bodies[(b, i)])
        same_title = sum(1 for i in common if titles[(a, i)] == titles[(b, i)])
        print(f"pairs with identical {a}/{b} body text (untranslated): {same_body}; identical title: {same_title}")
        by_src = defaultdict(lambda: [0, 0])
        for loc, src, aid, path, flav in walk(cfg):
            if loc == b and aid in common:
                by_src[src][0] += 1
                if bodies[(a, aid)] == bodies[(b, aid)]:
                    by_src[src][1] += 1
        for s, (n, u) in sorted(by_src.items()):
            print(f"  {s}: {u}/{n} {b} pages identical to {a}")


if __name__ == "__main__":
    main()
