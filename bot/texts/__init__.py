"""All the words people read, one module per feature."""
