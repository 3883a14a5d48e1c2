"""Measuring the text pipeline against hand-made gold annotations.

``gold``, ``matching``, ``sentences``, ``scoring`` and ``report`` are plain Python; only
``collect`` touches the database.
"""
