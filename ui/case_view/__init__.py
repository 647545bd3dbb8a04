"""One case: the individual, consents, assessments, plans, follow-ups and history."""
