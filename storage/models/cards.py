"""Tables of the cards feature."""

from __future__ import annotations
