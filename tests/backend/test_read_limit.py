"""One client cannot read the open-data API without limit: a bucket per address, exports counting
more, a 429 saying when to come back, in the caller's language; writes and pages unaffected."""

from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from backend import read_limit
from backend.config import get_settings
from backend.main import create_app
from backend.read_limit import Buckets, cost_of


def test_a_bucket_gives_its_burst_then_refills_at_the_rate():
    buckets = Buckets()
    taken = [buckets.take("a", 1, per_minute=60, burst=3, now=100.0) for _ in range(4)]
    assert taken[:3] == [0.0, 0.0, 0.0] and taken[3] == pytest.approx(1.0)   # one a second
    assert buckets.take("b", 1, per_minute=60, burst=3, now=100.0) == 0.0     # another client
    assert buckets.take("a", 1, per_minute=60, burst=3, now=101.0) == 0.0     # refilled by one
    assert buckets.take("a", 5, per_minute=60, burst=3, now=110.0) == 0.0     # never beyond a burst
    assert buckets.take("a", 2, per_minute=60, burst=3, now=110.5) == pytest.approx(1.5)


@pytest.fixture
def limited(db, monkeypatch):
    for name, value in (("read_rate_limit", 60), ("read_burst", 3), ("export_cost", 2)):
        monkeypatch.setattr(get_settings(), name, value)
    # the buckets' clock stands still: on a slow machine a second between two reads refilled one
    monkeypatch.setattr(read_limit, "time", SimpleNamespace(monotonic=lambda: 1000.0))
    app = create_app()
    with TestClient(app, client=("203.0.113.7", 5000)) as one, \
            TestClient(app, client=("203.0.113.8", 5000)) as other:
        yield one, other


def test_a_client_past_its_reads_is_told_when_to_come_back(limited):
    one, other = limited
    assert [one.get("/api/v1/businesses").status_code for _ in range(3)] == [200] * 3
    refused = one.get("/api/v1/businesses",
                      headers={"Accept-Language": "en", "Origin": "https://news.example"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
    assert refused.json()["detail"] == "Too many requests. Please try again in 1 second."
    assert refused.headers["access-control-allow-origin"] == "*"   # a page elsewhere reads why…
    assert "retry-after" in refused.headers["access-control-expose-headers"].lower()   # …and when
    assert refused.json()["error"] == "TooManyRequests"
    said = one.get("/api/v1/businesses", headers={"Accept-Language": "zh-CN"}).json()["detail"]
    assert said != refused.json()["detail"] and "1" in said
    assert other.get("/api/v1/businesses").status_code == 200      # each address its own bucket
    assert one.post("/api/v1/auth/login", json={"username": "x", "password": "y"}).status_code == 401
    assert one.get("/qr/91440101MA59TEST01.png").status_code != 429   # only the API's reads


def test_an_export_counts_for_more_than_a_read(limited):
    one, _ = limited
    assert one.get("/api/v1/export/businesses.csv").status_code == 200   # 3 - 2
    assert one.get("/api/v1/export/businesses.csv").status_code == 429   # 1 left, an export takes 2
    assert one.get("/api/v1/businesses").status_code == 200              # a read takes 1


def test_an_export_costs_the_same_however_its_query_is_written():
    assert cost_of("/api/v1/records/inspections", "format=csv") == get_settings().export_cost
    assert cost_of("/api/v1/records/inspections", "format=cs%76") == get_settings().export_cost
    assert cost_of("/api/v1/records/inspections", "pageSize=5&format=CSV") == get_settings().export_cost
    assert cost_of("/api/v1/records/inspections", "format=json") == 1


def test_no_limit_when_set_to_zero(db, monkeypatch):
    monkeypatch.setattr(get_settings(), "read_rate_limit", 0)
    monkeypatch.setattr(get_settings(), "read_burst", 1)
    with TestClient(create_app()) as client:
        assert {client.get("/api/v1/businesses").status_code for _ in range(5)} == {200}
