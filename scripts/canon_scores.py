"""Pairwise precision and recall of cross-article source merging on ``examples/corpus``.

The answer key is ``EXPECTED.json``. Each scored item is a mention in one
article together with the canonical source gold gives it. A pair is two items
from different articles. Gold merges a pair when both items have the same
canonical source, and :func:`reportedly.ledger.canon.canonicalise` merges it
when both mentions get the same key. Precision is the share of merged pairs
that gold merges, recall the share of gold pairs that were merged: the
pairwise (link-based) scoring of cross-document coreference (Bagga & Baldwin
1998 discuss it next to B-cubed).

Modes:

extracted
    ``reportedly.analyze`` runs on every article (JSONL, plus the two RSS items
    of ``feed.xml``). Each attribution gives a mention: its resolved text (or
    the source as written) and type. Every mention goes into the ledger. Only
    the mentions aligned with a gold claim of their article are scored. A
    claim aligns with an attribution when the attribution's content contains
    the claim's ``content_contains`` and one source text contains the other.
    Gold is the claim's ``canonical``.
gold
    The ``mentions`` strings of every source, in each of its articles where the
    string occurs as a whole word, plus the mentions of sources that must never
    merge across articles (unnamed sources), with the source's kind as the
    type. This bypasses extraction.
gold+contextual
    As ``gold``, plus the ``contextual_mentions`` of the named sources ("the
    ministry", "she", bare "Halden"), taken as written and so unresolved. These
    are context-dependent forms that the rules keep per article, so recall here
    measures how much in-article resolution is worth. It is reported for
    information, not as a target.

Usage::

    .venv/bin/python scripts/canon_scores.py            # a table
    .venv/bin/python scripts/canon_scores.py --errors   # and the pairs it got wrong
    .venv/bin/python scripts/canon_scores.py --json     # the same figures as JSON
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from reportedly.ledger.canon import Canon, Mention, canonicalise

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
FLOOR = 0.9
_CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"
_PRONOUNS = {"he", "she", "it", "they", "we"}


@dataclass(frozen=True)
class Item:
    """One scored mention: where it is, what the ledger got and what gold says."""

    mention: Mention
    gold: str


@dataclass(frozen=True)
class Scores:
    mode: str
    items: int
    articles: int
    gold_pairs: int
    merged_pairs: int
    correct: int
    errors: tuple[tuple[str, Item, Item], ...]  # ("false merge" | "missed merge", a, b)

    @property
    def precision(self) -> float:
        return self.correct / self.merged_pairs if self.merged_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"mode": self.mode, "items": self.items, "articles": self.articles,
                "gold_pairs": self.gold_pairs, "merged_pairs": self.merged_pairs, "correct": self.correct,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "errors": [{"error": e, "a": _item_dict(a), "b": _item_dict(b)} for e, a, b in self.errors]}


def _item_dict(item: Item) -> dict[str, str]:
    return {"article": item.mention.article, "text": item.mention.text, "type": item.mention.type,
            "gold": item.gold}


# --- corpus --------------------------------------------------------------------------------


def load_articles(corpus: Path = CORPUS, *, feed: bool = True) -> list[dict[str, str]]:
    """Articles as ``{id, published, text}``: the JSONL, then (``feed``) the RSS items of ``feed.xml``."""
    out = [json.loads(line) for line in (corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines()
           if line.strip()]
    feed_path = corpus / "feed.xml"
    if feed and feed_path.exists():
        expected = json.loads((corpus / "EXPECTED.json").read_text(encoding="utf-8"))
        dates = {a["id"]: a["published"] for a in expected["articles"]}
        for item in ET.parse(feed_path).getroot().iter("item"):
            guid = (item.findtext("guid") or "").strip()
            body = item.findtext(_CONTENT_NS) or ""
            paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p))
                          for p in re.findall(r"<p>(.*?)</p>", body, flags=re.S)]
            if guid and paragraphs:
                out.append({"id": guid, "published": dates.get(guid, ""), "text": "\n".join(paragraphs)})
    return out


def _occurs(phrase: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def gold_items(expected: dict[str, Any], texts: dict[str, str], *, contextual: bool) -> list[Item]:
    """Gold mention strings as items (see the module docstring, modes ``gold`` and ``gold+contextual``)."""
    items: list[Item] = []
    for src in expected["sources"]:
        per_article = src.get("merge_across_articles") is False
        for text in src["mentions"]:
            for art in src["articles"]:
                if art in texts and _occurs(text, texts[art]):
                    items.append(Item(Mention(art, text, src["kind"]), src["canonical"]))
        if per_article or contextual:
            for ctx in src.get("contextual_mentions", []):
                kind = "pronoun" if ctx["text"].lower() in _PRONOUNS else src["kind"]
                for art in ctx["articles"]:
                    if art in texts and _occurs(ctx["text"], texts[art]):
                        items.append(Item(Mention(art, ctx["text"], kind), src["canonical"]))
    return list(dict.fromkeys(items))


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').replace(" \u2026 ", " ")
    return " ".join(text.lower().split())


def extracted_items(expected: dict[str, Any], articles: Sequence[dict[str, str]]) -> tuple[list[Mention], list[Item]]:
    """Every extracted mention (the ledger) and those aligned with a gold claim (the scored items)."""
    import reportedly

    mentions: list[Mention] = []
    items: list[Item] = []
    for art in articles:
        report = reportedly.analyze(art["text"], published=art.get("published") or None, name=art["id"])
        claims = expected["claims"].get(art["id"], [])
        for a in report.attributions:
            if a.resolved is not None:
                m = Mention(art["id"], a.resolved.text, a.resolved.type)
            elif a.source is not None:
                m = Mention(art["id"], a.source.text, a.source_type)
            else:
                continue
            mentions.append(m)
            written = _norm(a.source.text) if a.source else ""
            content = _norm(a.content.text)
            for claim in claims:
                src = _norm(claim["source"])
                if _norm(claim["content_contains"]) in content and written and (src in written or written in src):
                    items.append(Item(m, claim["canonical"]))
                    break
    return list(dict.fromkeys(mentions)), list(dict.fromkeys(items))


# --- scoring -------------------------------------------------------------------------------


def score(mode: str, items: Iterable[Item], canons: dict[Mention, Canon]) -> Scores:
    """Pairwise precision and recall over pairs of items in different articles."""
    items = list(items)
    gold_pairs = merged = correct = 0
    errors: list[tuple[str, Item, Item]] = []
    for a, b in combinations(items, 2):
        if a.mention.article == b.mention.article:
            continue
        same_gold = a.gold == b.gold
        same_key = canons[a.mention].key == canons[b.mention].key
        gold_pairs += same_gold
        merged += same_key
        correct += same_gold and same_key
        if same_gold != same_key:
            errors.append(("false merge" if same_key else "missed merge", a, b))
    return Scores(mode, len(items), len({i.mention.article for i in items}), gold_pairs, merged, correct,
                  tuple(errors))


def run(corpus: Path = CORPUS, *, extract: bool = True) -> list[Scores]:
    """Scores for every mode (``extract=False`` skips the extractor)."""
    expected = json.loads((corpus / "EXPECTED.json").read_text(encoding="utf-8"))
    articles = load_articles(corpus)
    texts = {a["id"]: a["text"] for a in articles}
    out: list[Scores] = []
    if extract:
        ledger, items = extracted_items(expected, articles)
        out.append(score("extracted", items, canonicalise(ledger)))
    for mode, contextual in (("gold", False), ("gold+contextual", True)):
        items = gold_items(expected, texts, contextual=contextual)
        out.append(score(mode, items, canonicalise([i.mention for i in items])))
    return out


def _describe(item: Item, canons: dict[str, str] | None = None) -> str:
    return f"{item.mention.article}: {item.mention.text!r} ({item.mention.type}) gold={item.gold!r}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pairwise P/R of cross-article source merging on examples/corpus.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="corpus folder (articles.jsonl, EXPECTED.json)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--errors", action="store_true", help="list the pairs merged or split wrongly")
    parser.add_argument("--no-extract", action="store_true", help="score the gold mentions only")
    args = parser.parse_args(argv)
    if not (args.corpus / "EXPECTED.json").exists():
        print(f"{args.corpus}: expected a corpus folder with EXPECTED.json and articles.jsonl", file=sys.stderr)
        return 2
    results = run(args.corpus, extract=not args.no_extract)
    if args.json:
        print(json.dumps([r.to_dict() if args.errors else {k: v for k, v in r.to_dict().items() if k != "errors"}
                          for r in results], indent=2))
    else:
        print(f"{'mode':16} {'articles':>8} {'items':>6} {'gold pairs':>10} {'merged':>7} {'correct':>8} "
              f"{'P':>6} {'R':>6} {'F1':>6}")
        for r in results:
            print(f"{r.mode:16} {r.articles:8d} {r.items:6d} {r.gold_pairs:10d} {r.merged_pairs:7d} "
                  f"{r.correct:8d} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f}")
        if args.errors:
            for r in results:
                seen: set[tuple[str, str, str, str, str]] = set()
                for kind, a, b in r.errors:
                    sig = (kind, a.mention.text, a.gold, b.mention.text, b.gold)
                    if sig in seen:
                        continue
                    seen.add(sig)
                    print(f"[{r.mode}] {kind}: {_describe(a)}  <->  {_describe(b)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
