"""Every output of the text pipeline, to compare two versions of it.

``python -m benchmarks.pipeline_outputs dump FILE`` runs the loader's stages (as
``benchmarks.pipeline_cpu`` does) over the first 300 synthetic documents, the seeds, the dev
split's texts and the text and HTML fixtures under ``tests/``, and writes one line per
document: its parsed title, outlet, dates, authors, dek, body, comments, captions and removed
lines, its mentions, quotes (with speakers and the speakers' linking), facts and candidates.
``python -m benchmarks.pipeline_outputs compare OLD NEW`` names the documents whose outputs
differ. A speed-up must leave the two files identical.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.pipeline_cpu import ROOT, build_linker, documents, outlet_names


def inputs(articles: int = 300) -> list[tuple[str, bytes]]:
    named = [(f"corpus/{i:04d}", raw) for i, raw in enumerate(documents(articles))]
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "evaluation" / "dev").glob("*.txt")
    )
    paths += sorted(
        p for p in (ROOT / "tests").rglob("*") if p.suffix in (".txt", ".html") and p.is_file()
    )
    named += [(str(p.relative_to(ROOT)), p.read_bytes()) for p in paths]
    return named


def outputs(name: str, raw: bytes, linker, outlets) -> str:
    from articles.pipeline.captures import extract_page
    from articles.pipeline.decoding import DocumentError, decode_document
    from articles.pipeline.facts import extract_facts
    from articles.pipeline.parsing import parse_document
    from articles.pipeline.quotes import extract_headline_quotes, extract_quotes

    try:
        page = name.endswith(".html")
        text = extract_page(raw).text if page else decode_document(raw).text
        parsed = parse_document(text, outlets=outlets)
    except DocumentError as error:
        return repr(("error", str(error)))
    body = parsed.body
    mentions = linker.link(body)
    quotes = extract_quotes(body, parsed.title)
    for headline in (parsed.title, parsed.dek):
        quotes += extract_headline_quotes(headline or "", quotes)
    speakers = []
    for quote in quotes:
        if quote.speaker:
            speakers.append(linker.link(quote.speaker))
            speakers.append(linker.link(quote.speaker.replace(".", " ").split()[-1]))
    year = parsed.published.year if parsed.published else None
    facts = extract_facts(body, year=year)
    candidates = linker.candidates(body, mentions)
    return repr((parsed, mentions, quotes, speakers, facts, candidates))


def dump(path: Path, articles: int) -> None:
    from articles.pipeline.parsing import outlet_names as known

    linker = build_linker()
    outlets = known(outlet_names())
    with path.open("w", encoding="utf-8") as out:
        for name, raw in inputs(articles):
            out.write(json.dumps([name, outputs(name, raw, linker, outlets)]) + "\n")


def compare(old: Path, new: Path) -> int:
    before = dict(json.loads(line) for line in old.read_text("utf-8").splitlines())
    after = dict(json.loads(line) for line in new.read_text("utf-8").splitlines())
    differ = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(before)} documents before, {len(after)} after, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump")
    dumping.add_argument("file", type=Path)
    dumping.add_argument("--articles", type=int, default=300)
    comparing = commands.add_parser("compare")
    comparing.add_argument("old", type=Path)
    comparing.add_argument("new", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        dump(args.file, args.articles)
    else:
        sys.exit(compare(args.old, args.new))


if __name__ == "__main__":
    main()
