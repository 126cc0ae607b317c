"""The admin feature's services."""
