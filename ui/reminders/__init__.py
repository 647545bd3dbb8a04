"""The "Att göra" screen: reminders (bevakning) of the worker's cases or the unit's."""
