"""Builds the Dash portal: pages, server-side rendering, sessions, language and plain routes."""

import dash
from dash._callback_context import context_value

from backend.database import get_db
from backend.rule_settings import live as rules
from portal import (
    admin_routes,
    auth,
    complaint_routes,
    csrf,
    fault_report,
    form_text,
    kitchen_routes,
    language,
    random_draw_admin,
    review_forms,
    routes,
    security,
    shell,
    task_routes,
)
from portal.prerender import TRUSTED_INLINE_SCRIPTS, PortalDash
from portal.workspace import routes as workspace_routes


def create_portal() -> PortalDash:
    app = PortalDash(__name__, use_pages=True, pages_folder="", title="明亮 Mingliang",
                     update_title=None, suppress_callback_exceptions=True)
    if context_value.get(None) is None:
        # register_page reads Dash's callback context, which only the thread that imported Dash
        # has; uvicorn may call this factory from another one.
        context_value.set({})
    # Imported after the app exists: dash.register_page needs it. Python imports each page once
    # per process; the page registry is global, so later apps (tests) reuse the same pages.
    from portal.pages import kitchen_ai  # isort: skip - before kitchen_camera: /kitchen/ai is no camera
    from portal.pages import (
        admin_lists,
        alert_queue,
        business,
        equipment,
        grade_detail,
        grades,
        how_it_works,
        inspections,
        kitchen,
        kitchen_camera,
        list_edition,
        lists,
        login,
        me,
        my_kitchen,
        my_reviews,
        not_found_404,
        officer,
        penalties,
        performance,
        random_draw,
        random_draws,
        ratings,
        search,
    )

    pages = (admin_lists, alert_queue, business, equipment, grade_detail, grades, how_it_works,
             inspections, kitchen, kitchen_ai, kitchen_camera, list_edition, lists, login, me,
             my_kitchen, my_reviews, not_found_404, officer, penalties, performance, random_draw,
             random_draws, ratings, search)
    for module in pages:
        # What Dash's own pages-folder import does: the layout is defined below register_page.
        dash.page_registry[module.__name__]["layout"] = module.layout
    app.layout = shell.app_layout
    shell.register_callbacks(app)
    search.register_callbacks(app)
    auth.configure(app.server)
    csrf.install(app.server)
    form_text.install(app.server)
    security.install(app.server, TRUSTED_INLINE_SCRIPTS)
    app.server.before_request(language.set_for_request)
    app.server.before_request(_rules_in_force)
    routes.install(app)
    complaint_routes.install(app)
    task_routes.install(app)
    fault_report.install(app)
    random_draw_admin.install(app)
    admin_routes.install(app)
    review_forms.install(app)
    workspace_routes.install(app)
    kitchen_routes.install(app)
    return app


def _rules_in_force() -> None:
    """Administrators' rule changes, within seconds, when the portal runs on its own (under the
    API, its middleware has read them already)."""
    if rules.due():
        rules.refresh(get_db())
