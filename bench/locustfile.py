"""Load for bench/soak.py: QR pages, the API and search, as phones and open-data clients send it."""

import random

from locust import FastHttpUser, between, task

CODES: list[str] = []
TEXTS = ["粥", "面馆", "茶餐厅", "天河", "小吃", "烧腊", "越秀区北京路", "便利店"]


class Visitor(FastHttpUser):
    wait_time = between(0.05, 0.2)

    def on_start(self) -> None:
        if not CODES:
            listed = self.client.get("/api/v1/businesses?pageSize=100", name="setup").json()
            CODES.extend(row["code"] for row in listed["data"])

    @task(6)
    def qr_page(self) -> None:
        self.client.get(f"/b/{random.choice(CODES)}", name="/b/<code>",
                        headers={"Accept-Encoding": "gzip"})

    @task(2)
    def api_record(self) -> None:
        self.client.get(f"/api/v1/businesses/{random.choice(CODES)}", name="/api/v1/businesses/<code>")

    @task(2)
    def search(self) -> None:
        self.client.get(f"/api/v1/businesses?name={random.choice(TEXTS)}&pageSize=10",
                        name="/api/v1/businesses?name=")

    @task(1)
    def search_page(self) -> None:
        self.client.get(f"/?q={random.choice(TEXTS)}", name="/?q=")
