"""One module per page: `dash.register_page(...)`, a `layout(**kwargs)`, its callbacks below it."""
