"""The administrator's audit trail page (/admin/audit), without scripts: entries newest first with
their time on the municipality's clock, who, what in words, the target linked, what was written
folded as escaped JSON; a plain GET filter whose values every page link keeps."""

import html as html_text
import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from backend import clock
from backend.audit import service as audit
from backend.users.schemas import Actor, Role
from portal.workspace import audit_page
from tests import factories
from tests.portal.conftest import ENGLISH, marked_invalid, refused_unless_admin, sign_in, unlabelled_controls

PAGE = "/admin/audit"
OFFICER = Actor(username="officer.trail", role=Role.OFFICER)
ADMIN = Actor(username="admin.trail", role=Role.ADMIN)
TASK = "65f0000000000000000000aa"


@pytest.fixture(scope="module")
def scene(db):
    code = factories.valid_code()
    written = [
        (datetime(2026, 3, 1, 23, 30), OFFICER, "task.accepted", TASK, {"note": "到场"}, None),
        (datetime(2026, 3, 2, 1, 0), OFFICER, "inspection.record", code,
         {"finding": "<script>alert('x')</script>", "password_hash": "$argon2id$v=19$zzz"}, None),
        (datetime(2026, 3, 2, 2, 0), ADMIN, "officer.update", "officer:OF-TR-1", {"unit_id": "U-YX"},
         {"unit_id": "U-TH"}),
        (datetime(2026, 3, 2, 3, 0), ADMIN, "random_draw.publish", "plan-2026-03", {"published": True}, None),
        (datetime(2026, 3, 2, 4, 0), None, "complaint.submit", "65f0000000000000000000bb", {}, None),
        (datetime(2026, 3, 2, 5, 0), ADMIN, "grid.assign", "天河区/G1", {"officer": "OF-TR-1"}, None),
    ]
    with pytest.MonkeyPatch.context() as patch:
        for at, actor, action, target, data, before in written:
            patch.setattr(clock, "now", lambda at=at: at)
            audit.record(db, actor=actor, action=action, target=target, data=data, before=before)
    return {"admin": factories.user(db, role=Role.ADMIN), "code": code,
            "officer": factories.user(db, role=Role.OFFICER, officer_id=factories.officer(db))}


def _entry(text: str, action: str) -> str:
    """The <li> of the entry whose action is `action`."""
    match = re.search(r'<li id="entry-\d+">((?:(?!<li id="entry-).)*?<code>' + re.escape(action)
                      + r"</code>.*?)(?=<li id=\"entry-|</ul>)", text, re.S)
    assert match, action
    return match.group(1)


def test_only_administrators(site, scene):
    refused = refused_unless_admin(site, PAGE, scene["officer"])
    assert "officer.update" not in refused.text


def test_linked_from_the_administrators_workspace(site, scene):
    sign_in(site, scene["admin"])
    assert f'href="{PAGE}"' in site.get("/me", headers=ENGLISH).text


def test_entries_show_when_who_what_and_their_target_linked(site, scene):
    sign_in(site, scene["admin"])
    text = site.get(PAGE, headers=ENGLISH).text
    assert unlabelled_controls(text) == []
    order = [text.index(f"<code>{action}</code>") for action in (
        "grid.assign", "complaint.submit", "random_draw.publish", "officer.update", "inspection.record",
        "task.accepted")]
    assert order == sorted(order)   # newest first
    accepted = _entry(text, "task.accepted")
    assert "2026-03-02 07:30 UTC+8" in accepted   # 23:30 UTC, on the municipality's clock
    assert "officer.trail (Enforcement officer)" in accepted and "Task: Accepted" in accepted
    assert f'href="/tasks/{TASK}"' in accepted
    assert f'href="/b/{scene["code"]}"' in _entry(text, "inspection.record")
    assert 'href="/officers/OF-TR-1"' in _entry(text, "officer.update")
    assert 'href="/random-draws/plan-2026-03"' in _entry(text, "random_draw.publish")
    complaint = _entry(text, "complaint.submit")
    assert "no account (the public, or the system)" in complaint and "Complaint submitted" in complaint
    grid = _entry(text, "grid.assign")
    assert "<code>天河区/G1</code>" in grid and "/b/" not in grid   # no page: the target as it is


def test_what_was_written_is_folded_escaped_json_with_secrets_withheld(site, scene):
    sign_in(site, scene["admin"])
    text = site.get(PAGE, headers=ENGLISH).text
    inspection = _entry(text, "inspection.record")
    assert "<details>" in inspection and "<script>" not in inspection
    shown = html_text.unescape(re.search(r"<pre[^>]*>(.*?)</pre>", inspection, re.S).group(1))
    assert '"finding": "<script>alert(\'x\')</script>"' in shown
    assert '"password_hash": "[withheld]"' in shown and "argon2" not in text
    changed = _entry(text, "officer.update")
    assert "Before" in changed and "U-TH" in changed and "U-YX" in changed


def test_filters_narrow_the_list_and_paging_keeps_them(site, scene, monkeypatch):
    sign_in(site, scene["admin"])
    monkeypatch.setattr(audit_page, "PAGE_SIZE", 1)
    text = site.get(f"{PAGE}?action=officer&target=OF-TR-1&actor=admin.trail&from=2026-03-02&to=2026-03-02",
                    headers=ENGLISH).text
    assert "<code>officer.update</code>" in text and "grid.assign" not in text
    assert 'value="officer"' in text and 'value="2026-03-02"' in text   # the form shows what was asked
    text = site.get(f"{PAGE}?action=random_draw.&from=2026-03-02", headers=ENGLISH).text
    assert "random_draw.publish" in text and "task.accepted" not in text
    text = site.get(f"{PAGE}?from=2026-03-02&to=2026-03-02&actor=admin.trail", headers=ENGLISH).text
    assert "3 entries" in text and "Page 1 of 3" in text
    following = re.search(r'<p class="pager"><a href="([^"]+)"', text).group(1)
    assert parse_qs(urlsplit(html_text.unescape(following)).query) == {
        "from": ["2026-03-02"], "to": ["2026-03-02"], "actor": ["admin.trail"], "page": ["2"]}


def test_a_day_of_the_municipality_starts_at_its_midnight(site, scene):
    sign_in(site, scene["admin"])
    text = site.get(f"{PAGE}?from=2026-03-01&to=2026-03-01", headers=ENGLISH).text
    assert "task.accepted" not in text and "No entry matches." in text   # 07:30 on 2 March there


@pytest.mark.parametrize("query, said", [
    ("from=yesterday", "A day such as 2026-03-01."),
    ("from=2026-03-02&to=2026-03-01", "The first day (2026-03-02) comes after the last day (2026-03-01)."),
])
def test_unreadable_filters_are_said_and_kept(site, scene, query, said):
    sign_in(site, scene["admin"])
    response = site.get(f"{PAGE}?{query}", headers=ENGLISH)
    assert response.status_code == 422 and said in response.text
    assert 'value="2026-03-02"' in response.text or marked_invalid(response.text, "from")
    assert "<code>officer.update</code>" not in response.text


def test_narrow_screens_get_rows_not_tables(site, scene):
    sign_in(site, scene["admin"])
    text = site.get(PAGE, headers=ENGLISH).text
    assert "<table" not in text and 'class="rows"' in text
    assert re.search(r'<pre class="command"', text)   # theme.css wraps these (pre-wrap, anywhere)


def test_an_entry_changed_after_it_was_written_is_marked(db, site, scene):
    sign_in(site, scene["admin"])
    db.audit.update_one({"action": "random_draw.publish"}, {"$set": {"data.published": False}})
    text = site.get(PAGE, headers=ENGLISH).text
    assert "does not match the hash chain" in _entry(text, "random_draw.publish")
    assert "does not match the hash chain" not in _entry(text, "officer.update")
