"""The dilemmas feature's domain logic."""
