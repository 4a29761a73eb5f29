"""The domain rules administrators change while the site runs (the *configurable* numbers)."""
