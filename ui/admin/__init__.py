"""Administration screens (users)."""
