"""Shapes of purchase records and rapid tests as recorded and as the public sees them."""

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from backend.business_records import Recorded
from backend.clean_text import Text
from backend.i18n import N_


class TestResult(StrEnum):
    PASS = "pass"
    FAIL = "fail"


TEST_RESULT_LABELS = {TestResult.PASS: N_("Pass"), TestResult.FAIL: N_("Fail")}


class PurchaseCreate(BaseModel):
    item: Text = Field(min_length=1, max_length=60)
    supplier: Text = Field(min_length=1, max_length=80)
    batch: Text = Field("", max_length=40)
    quantity: Text = Field("", max_length=30)
    purchased_on: date


class PurchasePublic(PurchaseCreate):
    pass


class PurchaseRecorded(Recorded, PurchaseCreate):
    pass


class RapidTestCreate(BaseModel):
    item: Text = Field(min_length=1, max_length=60)
    test: Text = Field(min_length=1, max_length=60)  # e.g. 农药残留 (pesticide residue)
    batch: Text = Field("", max_length=40)
    tested_on: date
    result: TestResult


class RapidTestPublic(RapidTestCreate):
    pass


class RapidTestRecorded(Recorded, RapidTestCreate):
    pass
