"""Mingliang portal (Dash): public pages without login, enterprise and officer pages behind it."""
