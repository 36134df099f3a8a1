"""Pages for the system administrator: users, their roles, organisations and second factor."""
