#!/usr/bin/env python3
"""Check the evaluation corpus: every gold file parses and agrees with its text.

Standalone (standard library only). Run from the repository root:

    python evaluation/check_gold.py            # both splits
    python evaluation/check_gold.py dev        # one split

Exit status 0 when everything checks, 1 otherwise (the problems are listed).
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
GAZETTEER = ROOT.parent / "seeds" / "gazetteer.toml"

# The kinds of difficulty the corpus must cover (README.md, "Kinds").
KINDS = {
    "timestamp": "timestamp line before the headline",
    "masthead_section": "site masthead and section line before the headline",
    "gov_banner": "government-website banner",
    "hard_wrap": "hard-wrapped text",
    "photo_credit": "photo credits",
    "newsletter": "newsletter sign-up",
    "author_date_lines": "'Author:' and date lines",
    "related_rail": "'You may also like' / 'Related' rail",
    "comments": "'Leave a Comment' / comment thread",
    "headline_repeated": "headline repeated in the body",
    "role_titles": "officials named with role words",
    "unknown_people": "people not in the gazetteer",
    "mr_ms": "speaker after Mr./Ms.",
    "tweeted": "'tweeted' / 'wrote on X'",
    "said_after_intervening": "'X said' after intervening words",
    "country_speaker_trap": "quote a naive rule would give to a country",
    "transcript": "transcript without quote marks",
    "wrapped_quote": "hard-wrapped line breaking inside a quote",
    "generic_formula": "generic formula said by different people",
    "cluster_same": "same statement quoted by several outlets",
    "cyrillic": "Russian text in Cyrillic",
    "uz_kz_latin": "Uzbek/Kazakh Latin-script spellings",
    "es_fr_de_translit": "Spanish/French/German transliterations",
    "false_friends": "false friends (Georgia, Turkey, China, Jordan, Chad, Niger ...)",
    "given_name_only_differs": "names that differ only by a given name",
    "homoglyph": "homoglyph names (Cyrillic letter in a Latin word)",
    "mixed_script_junk": "mixed-script junk",
    "mojibake_cp874": "UTF-8 read as cp874 (Thai) mojibake",
    "legacy_encoding": "file in a legacy encoding",
    "outlet_in_text": "outlet named only in the text",
    "dateline": "dateline ('ASTANA, Nov 2 (Reuters) -')",
    "date_formats": "dates such as 'Mar 3, 2023', '10 March 2022'",
    "relative_dates": "relative dates ('on Tuesday', 'last year on February 24')",
    "multi_figures": "figures about different things in one text",
}

FORMULA = re.compile(r"sovereignty,\s+independence,?\s+and\s+territorial\s+integrity", re.I)
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")
THAI = re.compile(r"[\u0e00-\u0e7f]")
TIMESTAMP = re.compile(r"^\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}$")


def gazetteer_names() -> set[str]:
    data = tomllib.loads(GAZETTEER.read_text(encoding="utf-8"))
    return {p["name"] for p in data.get("people", [])}


def is_iso(value: str) -> bool:
    """An ISO 8601 date at day, month or year precision, or an interval a/b of such dates."""
    for part in value.split("/"):
        if re.fullmatch(r"\d{4}(-\d{2})?", part):
            continue
        try:
            date.fromisoformat(part)
        except ValueError:
            return False
    return 1 <= len(value.split("/")) <= 2


def homoglyph_words(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+", text)
    return [w for w in words if CYRILLIC.search(w) and LATIN.search(w)]


def check_article(txt: Path, gold: dict, known: set[str], problems: list[str]) -> dict:
    def bad(msg: str) -> None:
        problems.append(f"{txt.parent.name}/{txt.name}: {msg}")

    encoding = gold.get("encoding", "utf-8")
    try:
        text = txt.read_bytes().decode(encoding)
    except UnicodeDecodeError as exc:
        bad(f"does not decode as {encoding}: {exc}")
        return {}
    if encoding != "utf-8":
        try:
            txt.read_bytes().decode("utf-8")
            bad(f"declared {encoding} but is valid UTF-8")
        except UnicodeDecodeError:
            pass
    lines = text.splitlines()
    words = len(text.split())
    if not 180 <= words <= 750:
        bad(f"{words} words (aim: 200-700)")

    for key in ("title", "outlet", "published", "language"):
        if not isinstance(gold.get(key), str):
            bad(f"missing string field {key!r}")
    if gold.get("title") and gold["title"] not in text:
        bad(f"title not in text: {gold['title']!r}")
    if gold.get("outlet") and gold["outlet"] not in text:
        bad(f"outlet not in text: {gold['outlet']!r}")
    if gold.get("published") and not is_iso(gold["published"]):
        bad(f"published is not ISO: {gold['published']!r}")
    if not re.fullmatch(r"[a-z]{2}", gold.get("language", "")):
        bad("language is not ISO 639-1")
    for author in gold.get("authors", []):
        if author not in text:
            bad(f"author not in text: {author!r}")

    for line in gold.get("furniture", []):
        if line not in lines:
            bad(f"furniture is not a line of the text: {line!r}")

    people = gold.get("people", [])
    names = {p["name"] for p in people}
    for p in people:
        for s in p["surfaces"]:
            if s not in text:
                bad(f"person surface not in text: {s!r}")
        if p["known"] != (p["name"] in known):
            bad(f"{p['name']}: known={p['known']} but gazetteer says {p['name'] in known}")
        if not isinstance(p.get("role", ""), str):
            bad(f"{p['name']}: role must be a string")

    # [surface, code] or [surface, code, context]; the context (an exact excerpt containing the
    # surface) tells apart occurrences of one surface that link differently.
    for surface, code, *context in gold.get("countries", []):
        where = context[0] if context else surface
        if surface not in where or where not in text:
            bad(f"country surface not in text: {surface!r} {context}")
        if not re.fullmatch(r"[A-Z]{2}", code):
            bad(f"not an ISO alpha-2 code: {code!r}")
    for surface, _reason, *context in gold.get("not_countries", []):
        where = context[0] if context else surface
        if surface not in where or where not in text:
            bad(f"false-friend surface not in text: {surface!r} {context}")

    quotes = gold.get("quotes", [])
    for q in quotes:
        if q["text"] not in text:
            bad(f"quote not in text: {q['text'][:60]!r}")
        if q["speaker"] and q["speaker"] not in names:
            bad(f"quote speaker is not a person of the article: {q['speaker']!r}")
        if not isinstance(q.get("transcript"), bool):
            bad("quote without boolean 'transcript'")

    facts = gold.get("facts", [])
    for f in facts:
        if f["text"] not in text:
            bad(f"fact not in text: {f['text']!r}")
        if f.get("date") and not is_iso(f["date"]):
            bad(f"fact date is not ISO: {f['date']!r}")

    kinds = set(gold.get("kinds", []))
    for k in kinds - KINDS.keys():
        bad(f"unknown kind {k!r}")
    evidence = {
        "cyrillic": lambda: len(CYRILLIC.findall(text)) > 200 and gold["language"] == "ru",
        "legacy_encoding": lambda: encoding != "utf-8",
        "homoglyph": lambda: bool(homoglyph_words(text)),
        "mojibake_cp874": lambda: bool(THAI.search(text)),
        "timestamp": lambda: any(TIMESTAMP.match(line) for line in lines[:6]),
        "gov_banner": lambda: any("official website" in line for line in gold.get("furniture", [])),
        "transcript": lambda: any(q["transcript"] for q in quotes),
        "wrapped_quote": lambda: any("\n" in q["text"] for q in quotes),
        "generic_formula": lambda: bool(FORMULA.search(text)),
        "relative_dates": lambda: any(f.get("date") for f in facts),
        "multi_figures": lambda: len(facts) >= 2,
        "hard_wrap": lambda: sum(1 for line in lines if 55 <= len(line) <= 75) >= 8,
        "headline_repeated": lambda: text.count(gold["title"]) >= 2,
        "unknown_people": lambda: any(not p["known"] for p in people),
    }
    for k in kinds & evidence.keys():
        if not evidence[k]():
            bad(f"kind {k!r} claimed but not evident in the text")
    return {
        "people": len(people),
        "people_surfaces": sum(len(p["surfaces"]) for p in people),
        "countries": len(gold.get("countries", [])),
        "not_countries": len(gold.get("not_countries", [])),
        "quotes": len(quotes),
        "furniture": len(gold.get("furniture", [])),
        "facts": len(facts),
        "kinds": kinds,
    }


def check_split(split: Path, known: set[str], problems: list[str]) -> None:
    texts = sorted(split.glob("*.txt"))
    totals: Counter = Counter()
    kinds: Counter = Counter()
    nquotes: dict[str, int] = {}
    for txt in texts:
        gold_path = txt.with_suffix(".gold.toml")
        if not gold_path.exists():
            problems.append(f"{split.name}/{txt.name}: no gold file")
            continue
        try:
            gold = tomllib.loads(gold_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{split.name}/{gold_path.name}: {exc}")
            continue
        stats = check_article(txt, gold, known, problems)
        if not stats:
            continue
        nquotes[txt.name] = stats["quotes"]
        kinds.update(stats.pop("kinds"))
        totals.update(stats)
    for gold_path in split.glob("*.gold.toml"):
        if not gold_path.with_name(gold_path.name.replace(".gold.toml", ".txt")).exists():
            problems.append(f"{split.name}/{gold_path.name}: gold without text")

    cpath = split / "clusters.toml"
    clusters = tomllib.loads(cpath.read_text(encoding="utf-8")) if cpath.exists() else {}
    if not cpath.exists():
        problems.append(f"{split.name}: no clusters.toml")
    seen: set[tuple[str, int]] = set()
    in_same: set[str] = set()
    for group_kind in ("same", "distinct"):
        for group in clusters.get(group_kind, []):
            members = [tuple(m) for m in group["members"]]
            if len(members) < 2:
                problems.append(f"{split.name}/clusters.toml: {group_kind} group with < 2 members")
            for name, index in members:
                if name not in nquotes:
                    problems.append(f"{split.name}/clusters.toml: unknown file {name}")
                elif not 0 <= index < nquotes[name]:
                    problems.append(f"{split.name}/clusters.toml: {name} has no quote {index}")
                if group_kind == "same":
                    if (name, index) in seen:
                        problems.append(f"{split.name}/clusters.toml: {name}#{index} in two groups")
                    seen.add((name, index))
                    in_same.add(name)
    for txt in texts:
        gold = tomllib.loads(txt.with_suffix(".gold.toml").read_text(encoding="utf-8"))
        if ("cluster_same" in gold.get("kinds", [])) != (txt.name in in_same):
            problems.append(f"{split.name}/{txt.name}: kind cluster_same disagrees with clusters")

    counted = ("people", "people_surfaces", "countries", "not_countries", "quotes", "furniture")
    n = {k: totals.get(k, 0) for k in counted + ("facts",)}
    print(f"== {split.name}: {len(texts)} articles")
    print(
        f"   people {n['people']} ({n['people_surfaces']} surface forms), "
        f"country surfaces {n['countries']}, false friends {n['not_countries']}, "
        f"quotes {n['quotes']}, furniture lines {n['furniture']}, facts {n['facts']}"
    )
    print(
        f"   clusters: {len(clusters.get('same', []))} same-statement groups, "
        f"{len(clusters.get('distinct', []))} must-not-merge groups"
    )
    for kind in KINDS:
        print(f"   {kinds.get(kind, 0):3d}  {kind:24s} {KINDS[kind]}")
    thin = [kind for kind in KINDS if kinds.get(kind, 0) < 2]
    if thin:
        print(f"   kinds in fewer than 2 articles: {', '.join(thin)}")


def main(argv: list[str]) -> int:
    known = gazetteer_names()
    problems: list[str] = []
    for name in argv or ["dev", "test"]:
        check_split(ROOT / name, known, problems)
    for p in problems:
        print("PROBLEM", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
