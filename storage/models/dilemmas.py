"""Tables of the dilemmas feature."""

from __future__ import annotations
