"""Builds the Dash portal: pages, server-side rendering, sessions, language and plain routes."""

import dash
from dash._callback_context import context_value

from portal import auth, csrf, kitchen_routes, language, routes, shell
from portal.prerender import PortalDash


def create_portal() -> PortalDash:
    app = PortalDash(__name__, use_pages=True, pages_folder="", title="明亮 Mingliang",
                     update_title=None, suppress_callback_exceptions=True)
    if context_value.get(None) is None:
        # register_page reads Dash's callback context, which only the thread that imported Dash
        # has; uvicorn may call this factory from another one.
        context_value.set({})
    # Imported after the app exists: dash.register_page needs it. Python imports each page once
    # per process; the page registry is global, so later apps (tests) reuse the same pages.
    from portal.pages import business, login, me, not_found_404, officer, search
    from portal.pages import kitchen_ai  # isort: skip - before kitchen_camera: /kitchen/ai is no camera
    from portal.pages import alert_queue, kitchen, kitchen_camera, my_kitchen

    for module in (business, login, me, not_found_404, officer, search, kitchen_ai, kitchen,
                   kitchen_camera, my_kitchen, alert_queue):
        # What Dash's own pages-folder import does: the layout is defined below register_page.
        dash.page_registry[module.__name__]["layout"] = module.layout
    app.layout = shell.app_layout
    shell.register_callbacks(app)
    search.register_callbacks(app)
    auth.configure(app.server)
    csrf.install(app.server)
    app.server.before_request(language.set_for_request)
    routes.install(app)
    kitchen_routes.install(app.server)
    return app

