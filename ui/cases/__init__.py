"""The case list and creating cases."""
