"""What each line of a text turned out to be while it is parsed."""

from __future__ import annotations

from enum import Enum


class Role(Enum):
    """``BODY`` until a rule claims the line."""

    BODY = "body"
    TITLE = "title"
    BYLINE = "byline"
    MASTHEAD = "masthead"
    SOURCE = "source"
    DEK = "dek"
    CAPTION = "caption"
    COMMENT = "comment"
    FURNITURE = "furniture"
