"""Tables of the concerns feature."""

from __future__ import annotations
