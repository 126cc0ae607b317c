"""The ambassadors feature's domain logic."""
