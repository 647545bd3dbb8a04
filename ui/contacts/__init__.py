"""Contact details printed on the plans: the worker's own and, for administrators, a unit's."""
