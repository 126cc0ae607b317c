"""Tables of the cpd feature."""

from __future__ import annotations
