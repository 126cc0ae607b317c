"""The concerns feature's domain logic."""
