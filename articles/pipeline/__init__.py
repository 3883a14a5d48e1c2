"""The text pipeline: plain Python, no Django.

Raw document bytes become clean text (``decoding``), a parsed record
(``parsing``), entity mentions (``names``, ``linking`` with its context rules in
``context``), and quotations and facts (``quotes`` with ``quote_scan`` and
``quote_attribution``, ``facts``). Paragraphs and sentences are cut in one place,
``text``; word lists and the abbreviation list are data files in ``data/``, read
once by ``wordlists`` and ``text``. The loader, admin actions and benchmarks all
call into these modules; they never import Django, so they are tested fast and on
their own.
"""
