"""Storage: the schema, the engine factory, migrations and opening rules."""
