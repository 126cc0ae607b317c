"""The cpd feature's domain logic."""
