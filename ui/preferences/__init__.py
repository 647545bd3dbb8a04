"""Connection and preferences: where the database is, the language, the idle lock."""
