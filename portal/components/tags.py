"""The tags layouts are written in: Dash components for Dash, light elements for the server's HTML.

Constructing a Dash component validates every prop (some 10 µs each) and a QR page has about 130
of them; the server's first response only needs their HTML. The same layout functions therefore
run with `light()` active when the server renders a page, and build `Element`s that the
serializer writes exactly as it writes the components they stand for.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import ModuleType
from typing import Any

from dash import dcc as dash_dcc
from dash import html as dash_html

_light: ContextVar[bool] = ContextVar("light_elements", default=False)


class Element:
    """What the serializer needs of a component: its type, namespace and props."""

    __slots__ = ("_namespace", "_type", "props")

    def __init__(self, namespace: str, kind: str, props: dict[str, Any]) -> None:
        self._namespace, self._type, self.props = namespace, kind, props


class _Tags:
    """`html.Div(...)` and friends, building whichever kind of node the caller is rendering."""

    def __init__(self, module: ModuleType, namespace: str) -> None:
        self._module, self._namespace = module, namespace

    def __getattr__(self, kind: str) -> Callable[..., Any]:
        component = getattr(self._module, kind)
        namespace = self._namespace

        def build(children: Any = None, **props: Any) -> Any:
            if children is not None:
                props["children"] = children
            if _light.get():
                return Element(namespace, kind, props)
            return component(**props)

        setattr(self, kind, build)  # looked up once per tag, not per element
        return build


html = _Tags(dash_html, "dash_html_components")
dcc = _Tags(dash_dcc, "dash_core_components")


def server_only(**attributes: Any) -> dict[str, Any]:
    """HTML attributes a Dash component does not declare (and refuses: `loading` on html.Img),
    for the server's first HTML only; Dash's render goes without them."""
    return attributes if _light.get() else {}


@contextmanager
def light() -> Iterator[None]:
    """Layouts built inside this block are light elements, for serializing only."""
    token = _light.set(True)
    try:
        yield
    finally:
        _light.reset(token)
