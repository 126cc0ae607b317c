"""The cpd feature's services."""
