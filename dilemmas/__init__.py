"""The content and its rules: the dilemma bank, the card deck, their models and loading."""
