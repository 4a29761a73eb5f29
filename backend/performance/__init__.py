"""Published per-unit figures (问题整改闭环率): closure, on-time and complainant satisfaction rates."""
