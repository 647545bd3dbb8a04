"""The signed-in user's own account: changing the password."""
