"""The concerns feature's services."""
