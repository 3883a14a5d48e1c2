"""Read queries for the public pages, one module per subject.

``articles`` (lists, facets, snippets, one article and its related coverage), ``entities``
(people, countries, sources, tags), ``quotes`` (quote clusters and fact groups), ``coverage``
(related coverage, comparing two articles), ``outlets`` (the coverage matrix by outlet, kind
or country, and blind spots); ``common`` holds the paging and counting helpers
they share. Each function runs a fixed number of SQL queries whatever the number of rows:
counts are aggregates computed by the database, and lists come with their related rows joined
or prefetched.
"""
