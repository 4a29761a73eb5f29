"""Dash component trees as plain HTML, so a page's first response is readable before any script."""

import json
from html import escape
from typing import Any

from dash.development.base_component import Component

from portal.components.tags import Element

_VOID = frozenset({"area", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})
# Props that only mean something to React or to Dash's renderer.
_SKIPPED = frozenset({"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key",
                      "loading_state", "setProps", "n_submit", "n_submit_timestamp", "n_blur",
                      "n_blur_timestamp", "debounce", "persistence", "persisted_props",
                      "persistence_type", "refresh", "options", "clearable", "searchable",
                      "target_self"})
_COMPONENT_METADATA = frozenset({"available_properties", "available_wildcard_properties"})
_RENAMED = {"className": "class", "htmlFor": "for", "dateTime": "datetime",
            "autoComplete": "autocomplete", "maxLength": "maxlength", "minLength": "minlength",
            "readOnly": "readonly", "autoFocus": "autofocus", "inputMode": "inputmode",
            "spellCheck": "spellcheck", "tabIndex": "tabindex", "colSpan": "colspan",
            "rowSpan": "rowspan", "encType": "enctype", "accessKey": "accesskey"}


class Markup(str):
    """HTML already rendered (by to_html itself, e.g. from a cache): written out as it is."""


def to_html(node: Any) -> str:
    """HTML for a component, a string, a number or a list of them; None renders as nothing."""
    parts: list[str] = []
    _write(node, parts)
    return "".join(parts)


def _write(node: Any, out: list[str]) -> None:
    # Concrete types first: an ABC check (Iterable) per node costs more than the rest together.
    if isinstance(node, Element):
        _write_node(node._type, node._namespace, node.props, out)  # noqa: SLF001
    elif isinstance(node, Component):
        _write_node(node._type, node._namespace, _props(node), out)  # noqa: SLF001
    elif isinstance(node, Markup):
        out.append(node)
    elif isinstance(node, str):
        out.append(escape(node, quote=False))
    elif isinstance(node, list | tuple):
        for child in node:
            _write(child, out)
    elif node is None or isinstance(node, bool):
        return
    elif isinstance(node, int | float):
        out.append(str(node))


def _props(component: Component) -> dict[str, Any]:
    """The props that were set: what to_plotly_json returns, without its per-prop scans (this
    runs for every element of every page served)."""
    return {name: value for name, value in vars(component).items()
            if name[0] != "_" and name not in _COMPONENT_METADATA}


def _write_node(kind: str, namespace: str, props: dict[str, Any], out: list[str]) -> None:
    """A component (or its light stand-in) by Dash's own type and namespace names."""
    if namespace == "dash_html_components":
        _element(kind.lower(), props, out)
    elif kind == "Link":
        _element("a", props, out)
    elif kind == "Input":
        _element("input", props, out)
    elif kind == "Dropdown":
        _select(props, out)
    elif kind not in ("Location", "Store"):
        _write(props.get("children"), out)  # an unknown widget: at least its text


def _element(tag: str, props: dict[str, Any], out: list[str]) -> None:
    out.append(f"<{tag}{_attributes(props)}>")
    if tag in _VOID:
        return
    _write(props.get("children"), out)
    out.append(f"</{tag}>")


def _attributes(props: dict[str, Any]) -> str:
    parts = []
    for name, value in sorted(props.items()):
        if name in _SKIPPED or value is None or value is False:
            continue
        if name == "id" and isinstance(value, dict):
            value = dom_id(value)
        elif name == "style":
            value = ";".join(f"{_css_name(key)}:{val}" for key, val in value.items())
        if value is True:
            parts.append(f" {_RENAMED.get(name, name)}")
        else:
            parts.append(f' {_RENAMED.get(name, name)}="{escape(str(value))}"')
    return "".join(parts)


def _css_name(name: str) -> str:
    """backgroundColor → background-color, as React writes a style object."""
    return "".join(f"-{char.lower()}" if char.isupper() else char for char in name)


def dom_id(value: dict[str, Any]) -> str:
    """A pattern-matching id written as Dash's renderer writes it into the DOM."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _select(props: dict[str, Any], out: list[str]) -> None:
    """A dcc.Dropdown before its script arrives: a native <select> a plain form can submit.
    A Dropdown has no `name`, so its form name comes from a dict id's "name" key."""
    component_id = props.get("id")
    name = component_id.get("name", "") if isinstance(component_id, dict) else component_id
    selected = props.get("value")
    label = props.get("placeholder") or ""
    attrs = _attributes({"id": props.get("id"), "name": name, "className": props.get("className")})
    out.append(f"<select{attrs}><option value=\"\">{escape(label, quote=False)}</option>")
    for option in props.get("options") or []:
        value = option["value"] if isinstance(option, dict) else option
        text = option.get("label", value) if isinstance(option, dict) else option
        mark = " selected" if value == selected else ""
        out.append(f'<option value="{escape(str(value))}"{mark}>')
        _write(text, out)
        out.append("</option>")
    out.append("</select>")
