"""Users, roles, passwords, tokens and the permission rules every service calls."""
