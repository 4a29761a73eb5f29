"""The server-side HTML of Dash components: tags, attributes, escaping, and Dash-only widgets."""

from dash import dcc, html

from portal.serialize import Markup, to_html


def test_html_components_become_their_tags():
    tree = html.Div([html.H1("标题"), html.P(["a", html.Strong("b"), 3])], className="x", id="y")
    assert to_html(tree) == '<div class="x" id="y"><h1>标题</h1><p>a<strong>b</strong>3</p></div>'


def test_text_and_attributes_are_escaped():
    tree = html.A('<b>"x"</b>', href='/?q="><script>', title="a&b")
    assert to_html(tree) == ('<a href="/?q=&quot;&gt;&lt;script&gt;" title="a&amp;b">'
                             '&lt;b&gt;"x"&lt;/b&gt;</a>')


def test_style_dict_and_renamed_and_wildcard_props():
    tree = html.Label("n", htmlFor="f", style={"backgroundColor": "red", "fontSize": "1px"},
                      **{"aria-label": "名", "data-x": "1"})
    assert to_html(tree) == ('<label aria-label="名" data-x="1" for="f" '
                             'style="background-color:red;font-size:1px">n</label>')


def test_attribute_order_is_stable():
    assert to_html(html.P("x", title="t", id="i", className="c")) == \
        '<p class="c" id="i" title="t">x</p>'


def test_already_rendered_html_is_written_as_is():
    assert to_html(html.Div([Markup("<b>x</b>"), "<b>"])) == "<div><b>x</b>&lt;b&gt;</div>"


def test_dash_core_components():
    assert to_html(dcc.Link("go", href="/b/1")) == '<a href="/b/1">go</a>'
    assert to_html(dcc.Input(id="q", name="q", value="v", required=True)) == \
        '<input id="q" name="q" required value="v">'
    assert to_html([dcc.Location(id="l"), dcc.Store(id="s"), None, False]) == ""


def test_dropdown_is_a_native_select_named_by_its_dict_id():
    dropdown = dcc.Dropdown(id={"type": "f", "name": "district"}, value="b", placeholder="All",
                            options=[{"label": "A", "value": "a"}, {"label": "B", "value": "b"}])
    assert to_html(dropdown) == (
        '<select id="{&quot;name&quot;:&quot;district&quot;,&quot;type&quot;:&quot;f&quot;}" '
        'name="district"><option value="">All</option><option value="a">A</option>'
        '<option value="b" selected>B</option></select>')


def test_light_elements_serialize_exactly_like_dash_components(site, seeded):
    """The server renders pages from light elements; Dash renders components. Same HTML, or the
    page would change under the reader's eyes when Dash takes over."""
    from backend import database
    from backend.profiles import service as profiles
    from backend.qr import signature
    from portal import shell
    from portal.components import tags
    from portal.pages import business

    record = profiles.public_record(database.get_db(), code=seeded.code)
    for signed in (signature.sign(seeded.code), None, "forged"):
        from_dash = to_html(shell.frame(business._record_page(record, signed), "/"))
        with tags.light():
            light = to_html(shell.frame(business._record_page(record, signed), "/"))
        assert light == from_dash
        assert seeded.name in light


def test_light_elements_are_only_built_inside_light():
    from portal.components import tags

    assert not isinstance(tags.html.Div("x"), tags.Element)
    with tags.light():
        assert isinstance(tags.html.Div("x", className="y"), tags.Element)
    assert not isinstance(tags.dcc.Link("x", href="/"), tags.Element)
