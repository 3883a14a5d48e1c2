"""CPU time of the text pipeline per article: ``python -m benchmarks.pipeline_cpu [--articles N]``.

N synthetic documents (the ones ``generate_corpus`` writes, seed 1; no database), or with
``--dev`` the dev split's texts (``evaluation/dev``), go through
the stages the loader runs for every document, in the loader's order: parse (decoding and
parsing), link, quotes (body and headline quotes, and the linking of each quote's speaker
that storing them does), facts, candidates. The linker is built as a load builds it: the
seeds' and the field's people, every country with its CLDR names and the forms of
``articles/data/countries.toml``. CPU time (``time.process_time``), not wall time, so other
jobs on the machine matter less; compare figures of one machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("parse", "link", "quotes", "facts", "candidates")


def build_linker():
    import pycountry

    from articles.pipeline.country_names import load_country_forms, with_cldr_names
    from articles.pipeline.gazetteer import all_countries, load_gazetteer, merge_people
    from articles.pipeline.linking import Linker

    seeds = load_gazetteer(ROOT / "seeds" / "gazetteer.toml")
    field = load_gazetteer(ROOT / "articles" / "data" / "people.toml")
    codes = [country.alpha_2 for country in pycountry.countries]
    forms = load_country_forms(ROOT / "articles" / "data" / "countries.toml")
    countries = all_countries(with_cldr_names(seeds.countries, codes, forms))
    return Linker(merge_people(seeds.people, field.people), countries)


def outlet_names() -> tuple[str, ...]:
    from articles.pipeline.outlets import parse_outlets

    entries = parse_outlets((ROOT / "articles" / "data" / "sources.toml").read_text("utf-8"))
    return tuple(name for entry in entries for name in (entry.name, *entry.aliases))


def documents(count: int, seed: int = 1) -> list[bytes]:
    """The first ``count`` documents of the synthetic corpus, as the files hold them."""
    from articles.corpus import corpus_documents, corpus_inputs
    from articles.pipeline.gazetteer import load_gazetteer
    from articles.pipeline.outlets import parse_outlets

    outlets = parse_outlets((ROOT / "articles" / "data" / "sources.toml").read_text("utf-8"))
    people, places, corpus_outlets = corpus_inputs(
        load_gazetteer(ROOT / "seeds" / "gazetteer.toml"), outlets
    )
    docs = corpus_documents(
        people=people, places=places, outlets=corpus_outlets, count=count, seed=seed
    )
    return [doc.text.encode("utf-8") for doc in docs]


def process(raw: bytes, linker, outlets, clock=time.process_time) -> dict[str, float]:
    """Run one document through every stage; CPU seconds by stage."""
    from articles.pipeline.decoding import decode_document
    from articles.pipeline.facts import extract_facts
    from articles.pipeline.parsing import parse_document
    from articles.pipeline.quotes import extract_headline_quotes, extract_quotes

    spent: dict[str, float] = {}
    started = clock()

    def lap(stage: str) -> None:
        nonlocal started
        now = clock()
        spent[stage] = now - started
        started = now

    parsed = parse_document(decode_document(raw).text, outlets=outlets)
    body = parsed.body
    lap("parse")
    mentions = linker.link(body)
    lap("link")
    quotes = extract_quotes(body, parsed.title)
    for text in (parsed.title, parsed.dek):
        quotes += extract_headline_quotes(text or "", quotes)
    for quote in quotes:
        # As storing a quote resolves its speaker: the name alone, then its last word.
        if quote.speaker:
            linker.link(quote.speaker)
            linker.link(quote.speaker.replace(".", " ").split()[-1])
    lap("quotes")
    extract_facts(body, year=parsed.published.year if parsed.published else None)
    lap("facts")
    linker.candidates(body, mentions)
    lap("candidates")
    return spent


def dev_documents() -> list[bytes]:
    """The dev split's texts (``evaluation/dev/*.txt``), as the files hold them."""
    return [path.read_bytes() for path in sorted((ROOT / "evaluation" / "dev").glob("*.txt"))]


def run(articles: int = 300, out=sys.stdout, dev: bool = False) -> dict[str, float]:
    """Print and return CPU milliseconds per article by stage (and the linker's build)."""
    from articles.pipeline.parsing import outlet_names as known

    raws = dev_documents() if dev else documents(articles)
    started = time.process_time()
    linker = build_linker()
    build = time.process_time() - started
    outlets = known(outlet_names())
    totals = dict.fromkeys(STAGES, 0.0)
    for raw in raws:
        for stage, seconds in process(raw, linker, outlets).items():
            totals[stage] += seconds
    figures = {stage: 1000 * seconds / len(raws) for stage, seconds in totals.items()}
    figures["total"] = sum(figures.values())
    size = sum(map(len, raws)) / len(raws)
    print(f"{len(raws)} articles, {size / 1000:.1f} KB each on average", file=out)
    print(f"linker build: {1000 * build:.0f} ms CPU (once)", file=out)
    print(f"{'stage':<12}{'CPU ms/article':>16}", file=out)
    for stage, ms in figures.items():
        print(f"{stage:<12}{ms:>16.2f}", file=out)
    figures["build"] = 1000 * build
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="documents (default 300)")
    parser.add_argument(
        "--dev", action="store_true", help="the dev split's texts instead of synthetic ones"
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    run(args.articles, dev=args.dev)


if __name__ == "__main__":
    main()
