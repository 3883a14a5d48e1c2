"""The read-only JSON API at ``/api/v1/`` (docs/api.md).

``main`` builds the API (errors, throttling, docs), ``schemas`` says what each answer looks
like, ``pagination`` holds the opaque cursors, and ``articles`` and ``entities`` are the
endpoints with the reads they need.
"""
