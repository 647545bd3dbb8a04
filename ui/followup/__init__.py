"""Follow-ups: re-rating the areas and comparing with earlier assessments."""
