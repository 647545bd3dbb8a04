"""Supervisor review: the unit's queue, reviewing a plan, and the caseworker's decision badge."""
