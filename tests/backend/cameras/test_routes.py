"""Cameras: the public list shows consenting businesses only, never a source address; a business
and its officers register and edit cameras, nobody else."""

import pytest

from tests import factories, kitchen
from tests.kitchen import ROLES


@pytest.fixture(scope="module")
def world(db, api):
    code = factories.business(db, district="天河区", name="明厨小馆")
    return code, kitchen.headers_by_role(api, db, code)


def test_public_list_shows_only_consenting_cameras_without_their_source(db, api, world):
    code, _ = world
    shown = kitchen.camera(db, code, public=True, source_url="rtsp://user:secret@10.0.0.9/live")
    hidden = kitchen.camera(db, code, public=False)
    body = api.get("/api/v1/cameras", params={"business_code": code}).json()
    assert [row["id"] for row in body["data"]] == [shown]
    assert body["meta"] == {"totalCount": 1, "totalPages": 1, "pageSize": 20, "pageNumber": 1,
                            "nextCursor": None, "totalIsEstimate": False}
    row = body["data"][0]
    assert {row["business_code"], row["location"], row["status"]} == {code, "kitchen", "pending"}
    assert "secret" not in str(body)
    assert api.get(f"/api/v1/cameras/{shown}").json()["id"] == shown
    assert api.get(f"/api/v1/cameras/{hidden}").status_code == 404


def test_public_list_filters_by_district_and_pages(db, api, world):
    code, _ = world
    elsewhere = factories.business(db, district="越秀区")
    kitchen.camera(db, elsewhere, public=True)
    yuexiu = api.get("/api/v1/cameras", params={"district": "越秀区"}).json()
    assert {row["business_code"] for row in yuexiu["data"]} == {elsewhere}
    one = api.get("/api/v1/cameras", params={"pageSize": 1, "pageNumber": 2}).json()
    assert len(one["data"]) == 1 and one["meta"]["totalCount"] >= 2


@pytest.mark.parametrize("role, status", list(zip(ROLES, (401, 403, 403, 201, 201, 403, 201), strict=True)))
def test_who_may_add_a_camera(db, api, world, role, status):
    code, headers = world
    before = db.cameras.count_documents({"business_code": code})
    response = api.post("/api/v1/cameras", headers=headers[role], json={
        "business_code": code, "name": "储存室", "location": "storage",
        "source_url": f"sim://{50 + ROLES.index(role)}", "public": False})  # one camera per address
    assert response.status_code == status, response.text
    assert db.cameras.count_documents({"business_code": code}) == before + (status == 201)


@pytest.mark.parametrize("role, status", list(zip(ROLES, (401, 403, 403, 200, 200, 403, 200), strict=True)))
def test_who_may_edit_a_camera(db, api, world, role, status):
    code, headers = world
    camera_id = kitchen.camera(db, code, public=False)
    response = api.patch(f"/api/v1/cameras/{camera_id}", headers=headers[role], json={"public": True})
    assert response.status_code == status, response.text
    assert (api.get(f"/api/v1/cameras/{camera_id}").status_code == 200) == (status == 200)


@pytest.mark.parametrize("source, message", [
    ("ftp://example.com/x", "rtsp, http(s)"),
    ("sim://kitchen", "sim://<number>"),
    ("http://", "names the camera or server"),
    ("rtsp:///stream1", "names the camera or server"),
    ("https://:8080/live", "names the camera or server"),
])
def test_a_bad_source_is_refused_with_a_reason(api, world, source, message):
    code, headers = world
    response = api.post("/api/v1/cameras", headers=headers["enterprise of this business"], json={
        "business_code": code, "name": "x", "location": "kitchen", "source_url": source})
    assert response.status_code == 422 and message in response.json()["detail"]


def test_only_an_administrator_may_read_a_file_on_the_server(api, world):
    code, headers = world
    body = {"business_code": code, "name": "录像", "location": "kitchen",
            "source_url": "file:///etc/passwd"}
    assert api.post("/api/v1/cameras", headers=headers["enterprise of this business"],
                    json=body).status_code == 403
    assert api.post("/api/v1/cameras", headers=headers["admin"], json=body).status_code == 201


@pytest.mark.parametrize("source", [
    "rtsp://169.254.169.254/latest", "http://127.0.0.1:8050/api/v1/auth/me", "http://localhost/x",
    "rtsp://[::1]/live", "http://2130706433/", "rtsp://0.0.0.0/stream"])
def test_only_an_administrator_may_point_a_camera_at_the_server_itself(api, world, source):
    code, headers = world
    body = {"business_code": code, "name": "后厨", "location": "kitchen", "source_url": source}
    refused = api.post("/api/v1/cameras", headers=headers["enterprise of this business"], json=body)
    assert refused.status_code == 403 and "server's own" in refused.json()["detail"]
    camera = api.post("/api/v1/cameras", headers=headers["enterprise of this business"],
                      json=body | {"source_url": f"rtsp://192.168.1.20/{abs(hash(source))}"})  # its network
    assert camera.status_code == 201
    assert api.patch(f"/api/v1/cameras/{camera.json()['id']}", headers=headers["enterprise of this business"],
                     json={"source_url": source}).status_code == 403


def test_zones_name_known_classes_only(api, world):
    code, headers = world
    body = {"business_code": code, "name": "就餐区", "location": "dining", "source_url": "sim://2",
            "zones": [{"x1": 0, "y1": 0.5, "x2": 1, "y2": 1, "classes": ["phone", "unicorn"]}]}
    response = api.post("/api/v1/cameras", headers=headers["enterprise of this business"], json=body)
    assert response.status_code == 422 and "unicorn" in response.json()["detail"]
    body["zones"][0]["classes"] = ["phone"]
    created = api.post("/api/v1/cameras", headers=headers["enterprise of this business"], json=body)
    assert created.status_code == 201 and created.json()["zones"][0]["classes"] == ["phone"]


def test_a_business_may_hide_at_most_half_of_its_picture_from_the_ai(api, world):
    code, headers = world
    half = [{"x1": 0, "y1": 0, "x2": 1, "y2": 0.5}]
    body = {"business_code": code, "name": "大堂", "location": "dining", "source_url": "sim://3",
            "zones": half + [{"x1": 0, "y1": 0.4, "x2": 1, "y2": 0.5}]}  # overlaps count once
    owner, admin = headers["enterprise of this business"], headers["admin"]
    created = api.post("/api/v1/cameras", headers=owner, json=body)
    assert created.status_code == 201
    whole = {"zones": [{"x1": 0, "y1": 0, "x2": 1, "y2": 1}]}  # the AI switched off
    refused = api.patch(f"/api/v1/cameras/{created.json()['id']}", headers=owner, json=whole)
    assert refused.status_code == 422 and "at most half of the picture" in refused.json()["detail"]
    assert api.patch(f"/api/v1/cameras/{created.json()['id']}", headers=admin, json=whole).status_code == 200


def test_staffed_hours_are_stored_one_way_and_bad_ones_refused(db, api, world):
    code, headers = world
    camera_id = kitchen.camera(db, code, public=False)
    owner = headers["enterprise of this business"]
    refused = api.patch(f"/api/v1/cameras/{camera_id}", headers=owner, json={"staffed_hours": "25:00-6:00"})
    assert refused.status_code == 422 and "06:00-22:00" in refused.json()["detail"]
    saved = api.patch(f"/api/v1/cameras/{camera_id}", headers=owner, json={"staffed_hours": "22:00 - 6:00"})
    assert saved.status_code == 200 and saved.json()["staffed_hours"] == "22:00-06:00"
    cleared = api.patch(f"/api/v1/cameras/{camera_id}", headers=owner, json={"staffed_hours": ""})
    assert cleared.json()["staffed_hours"] == ""


def test_one_camera_per_address(api, world):
    """A form sent twice made two cameras on one stream, and every detection raised two alerts."""
    code, headers = world
    body = {"business_code": code, "name": "后门", "location": "storage", "source_url": "sim://77"}
    owner = headers["enterprise of this business"]
    first = api.post("/api/v1/cameras", headers=owner, json=body)
    again = api.post("/api/v1/cameras", headers=owner, json=body)
    assert first.status_code == 201 and again.status_code == 409 and "后门" in again.json()["detail"]
    written_otherwise = body | {"source_url": "RTSP://192.168.1.30:554/live/"}
    assert api.post("/api/v1/cameras", headers=owner, json=body | {"source_url": "rtsp://192.168.1.30:554/live"}
                    ).status_code == 201
    assert api.post("/api/v1/cameras", headers=owner, json=written_otherwise).status_code == 409  # one stream
    other = api.post("/api/v1/cameras", headers=owner, json=body | {"source_url": "sim://78"}).json()
    moved = api.patch(f"/api/v1/cameras/{other['id']}", headers=owner, json={"source_url": "sim://77"})
    assert moved.status_code == 409


def test_a_cameras_password_is_not_kept_in_the_audit_trail(db, api, world):
    """The trail can never be edited: whoever reads it must not get the way into the camera."""
    code, headers = world
    owner = headers["enterprise of this business"]
    body = {"business_code": code, "name": "仓库", "location": "storage",
            "source_url": "rtsp://admin:S3cretPass@10.77.0.1/stream1?channel=1&password=QueryPass"}
    camera = api.post("/api/v1/cameras", headers=owner, json=body).json()
    api.patch(f"/api/v1/cameras/{camera['id']}", headers=owner,
              json={"source_url": "rtsp://admin:N3wPass@10.77.0.2/stream1"})
    trail = [entry["data"].get("source_url") for entry in db.audit.find(
        {"action": {"$in": ["camera.create", "camera.update"]}, "target": code}).sort("seq", 1)]
    assert trail[-2:] == ["rtsp://admin:***@10.77.0.1/stream1?channel=1&password=***",
                          "rtsp://admin:***@10.77.0.2/stream1"]
    written = str(list(db.audit.find({"target": code})))
    assert "S3cretPass" not in written and "QueryPass" not in written   # its stream key too


def test_a_name_that_resolves_to_the_server_is_the_server(monkeypatch):
    """`vm` in the hosts file, 127.0.0.1.nip.io in DNS: names for the server's own address."""
    from backend.cameras import addresses

    table = {"vm": "127.0.0.1", "meta.internal": "169.254.169.254", "cam.shop.cn": "203.0.113.7"}

    def resolve(host, port):  # noqa: ANN001, ANN202 - socket.getaddrinfo's
        if host not in table:
            raise OSError("no such name")
        return [(2, 1, 6, "", (table[host], 0))]

    monkeypatch.setattr(addresses.socket, "getaddrinfo", resolve)
    assert [addresses.the_server_itself(h) for h in ("vm", "meta.internal", "cam.shop.cn", "nowhere")] == [
        True, True, False, False]


def test_a_name_that_comes_to_resolve_to_the_server_is_not_connected_to(monkeypatch):
    """DNS rebinding: a public address when saved, the server's own when the worker connects."""
    import sys
    import types

    from backend.cameras import addresses, sources

    answer = {"cam.shop.cn": "203.0.113.7"}
    monkeypatch.setattr(addresses.socket, "getaddrinfo",
                        lambda host, port: [(2, 1, 6, "", (answer[host], 0))])
    opened: list[str] = []

    class Capture:
        def __init__(self, url):  # noqa: ANN001 - cv2's
            opened.append(url)

        def isOpened(self):  # noqa: N802, ANN202 - cv2's
            return False

        def release(self):  # noqa: ANN202
            pass

    monkeypatch.setitem(sys.modules, "cv2", types.SimpleNamespace(VideoCapture=Capture))
    monkeypatch.setattr(sources.StreamSource, "REFUSED_WAIT_S", 0.01)
    source = sources.StreamSource("rtsp://cam.shop.cn/live")
    assert source.allowed_now()
    answer["cam.shop.cn"] = "127.0.0.1"
    assert not source.allowed_now()
    source.close()
    vouched = sources.StreamSource("rtsp://cam.shop.cn/live", server_itself_allowed=True)
    assert vouched.allowed_now()
    vouched.close()


def test_the_worker_knows_who_set_a_source(db, api, world):
    code, headers = world
    body = {"business_code": code, "name": "仓库", "location": "storage",
            "source_url": "rtsp://192.168.1.77/who-set-it"}
    by_business = api.post("/api/v1/cameras", headers=headers["enterprise of this business"], json=body)
    assert db.cameras.find_one({"_id": by_business.json()["id"]})["source_set_by_admin"] is False
    api.patch(f"/api/v1/cameras/{by_business.json()['id']}", headers=headers["admin"],
              json={"source_url": "rtsp://127.0.0.1/who-set-it"})
    assert db.cameras.find_one({"_id": by_business.json()["id"]})["source_set_by_admin"] is True
