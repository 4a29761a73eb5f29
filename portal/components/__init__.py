"""Plain functions that build the portal's shared pieces of layout."""
