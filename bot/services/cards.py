"""The cards feature's domain logic."""
