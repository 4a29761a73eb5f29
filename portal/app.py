"""Builds the Dash app (placeholder until the pages land)."""

import dash
from dash import html


def create_portal() -> dash.Dash:
    app = dash.Dash(__name__)
    app.layout = html.Div("Mingliang")
    return app
