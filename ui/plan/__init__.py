"""The action plan editor."""
