"""/how-it-works states every rule with the defaults in force, in the first HTML."""

from backend.config import get_settings
from tests.portal.conftest import ENGLISH


def test_every_rule_and_default_is_stated(site, monkeypatch):
    monkeypatch.setattr(get_settings(), "timezone", "Asia/Shanghai")
    response = site.get("/how-it-works", headers=ENGLISH)
    assert response.status_code == 200
    text = response.text
    for fact in ("within 20 working days", "make-up working days", "Excellent (big smile) from 90",
                 "Level A up to 30", "A: 1–2; B: 2–3; C: 4; D: 12", "b-serious",
                 "365 days after it was listed", "within 10 working days",
                 "deadline of 15 working days", "python -m backend.audit verify",
                 "those of Asia/Shanghai (UTC+8)", "accept it within 7 working days",
                 "verify it within 15", "within 5 after that", "mediation within 45",
                 "\"expiring\" 90 days before it ends", "a task due in 10 working days",
                 "more than 15 days old", "a task due in 2 working days",
                 "put right within 3 working days"):
        assert fact in text, fact


def test_the_random_draws_are_found_from_every_page(site):
    """双随机、一公开: the plans, seeds and results are public, so the public can reach them."""
    text = site.get("/how-it-works", headers=ENGLISH).text
    assert "drawn at random (双随机)" in text
    assert text.count('href="/random-draws"') == 2   # the rule, and the footer every page has
    assert 'href="/random-draws"' in site.get("/lists", headers=ENGLISH).text


def test_the_red_list_criterion_wants_papers_in_order_and_the_grade_pages_are_explained(site):
    text = site.get("/how-it-works", headers=ENGLISH).text
    assert ("r-clean: Quantified grade Excellent, with no penalty and no failed inspection within "
            "365 days, and on the cut-off day no expired licence and no special equipment overdue "
            "for maintenance or inspection") in text
    assert "the day an older one left the 730-day window" in text
    assert "shows its risk score in parts" in text
