"""Starting the app: first run (create the database and first administrator) and sign-in."""
