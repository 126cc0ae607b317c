"""Tables of the ambassadors feature."""

from __future__ import annotations
