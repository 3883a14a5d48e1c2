"""The text pipeline: plain Python, no Django.

Raw document bytes become clean text (``decoding``), a parsed record
(``parsing``), entity mentions (``names``, ``linking``), and quotations and
facts (``quotes``, ``facts``). The loader, admin actions and benchmarks all
call into these modules; they never import Django, so they are tested fast
and on their own.
"""
