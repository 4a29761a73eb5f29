"""Masking of personal data on public surfaces (PIPL): what is left must not identify anyone."""

import pytest

from backend.privacy import mask_id_number, mask_in_text, mask_name, mask_phone


@pytest.mark.parametrize("name, masked", [
    ("张三", "张*"),
    ("欧阳娜娜", "欧***"),
    ("王小明", "王**"),
    ("张", "*"),  # a one-character name is hidden whole
    ("", ""),
    ("   ", ""),
    (None, ""),
    ("  李四 ", "李*"),  # surrounding spaces are not part of the name
    ("John Smith", "J*********"),
])
def test_names_keep_only_their_first_character(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize("phone, masked", [
    ("13812345678", "138****5678"),
    (" 13812345678 ", "138****5678"),
    ("+8613812345678", "+86*******5678"),
    ("020-87654321", "020*****4321"),
    ("87654321", "******21"),  # a landline without area code
    ("1234567", "*****67"),
    ("123456", "****56"),
    ("12345", "*****"),
    ("12", "**"),
    ("", ""),
    (None, ""),
])
def test_phones_hide_the_middle(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("number, masked", [
    ("110101199003071234", "110***********1234"),
    ("11010119900307123X", "110***********123X"),
    ("110101900307123", "110********7123"),  # first-generation 15-digit ID
    ("E12345678", "*********"),  # passport: too short to show anything safely
    ("1234567", "*******"),
    ("", ""),
    (None, ""),
])
def test_id_numbers_show_region_prefix_and_last_four_only(number, masked):
    assert mask_id_number(number) == masked


@pytest.mark.parametrize("mask, value", [
    (mask_name, "欧阳娜娜"), (mask_phone, "13812345678"), (mask_phone, "1234567"),
    (mask_phone, "87654321"), (mask_id_number, "110101199003071234"),
    (mask_id_number, "E12345678"),
])
def test_masked_value_never_equals_the_original(mask, value):
    masked = mask(value)
    assert masked != value and len(masked) == len(value)
    assert masked.count("*") >= min(4, len(value) - 1)


@pytest.mark.parametrize("text, names, masked", [
    ("电话13812345678", (), "电话138****5678"),
    ("座机020-87654321或02087654321", (), "座机020*****4321或020****4321"),
    ("身份证11010119900307123X", (), "身份证110***********123X"),
    ("单号123456789012345678901和13812345678901", (), "单号123456789012345678901和13812345678901"),
    ("A13812345678", (), "A13812345678"),   # part of a code, not a number on its own
    ("电话138 1234 5678或138-1234-5678", (), "电话138******5678或138******5678"),   # in groups
    ("电话１３８１２３４５６７８", (), "电话１３８****５６７８"),   # typed in full-width digits
    ("身份证440106 19900101 1234", (), "身份证440*************1234"),
    ("消费¥128，晚上8点到，订单20261207123456", (), "消费¥128，晚上8点到，订单20261207123456"),
    ("陈大厨和小陈都好", ("陈大厨", "陈"), "陈**和小陈都好"),   # one-character names are words too
    ("欧阳娜娜与欧阳", ("欧阳", "欧阳娜娜"), "欧***与欧*"),
])
def test_numbers_and_names_inside_free_text(text, names, masked):
    assert mask_in_text(text, names) == masked


@pytest.mark.parametrize("text", [
    "套餐¥13800000000，太离谱了",                 # a price: after ¥ or ￥, RMB or CNY
    "标价￥13800000000",
    "账单RMB 13800000000",
    "rmb13800000000",
    "一共13800000000元",                         # or before 元, 块, 块钱
    "花了13800000000 块钱",
    "赔了１３８００００００００元",                 # full-width digits
    "¥138 0000 0000",                            # grouped
    "¥110101199003071234",                       # an ID-shaped price
    "订单号13812345678",                         # a reference introduced as one
    "订单号：110101199003071234",
    "订单编号 11010119900307123X",
    "快递单号#13812345678",
    "发票号110101199003071234",
    "发票号码：440106 19900101 1234",
    "流水号是13812345678",
    "Invoice No. 110101199003071234",
    "order #13812345678",
    "Order number: 13812345678",
    "ORDER ID 138-1234-5678",
])
def test_prices_and_order_or_invoice_numbers_stay_as_written(text):
    assert mask_in_text(text) == text


@pytest.mark.parametrize("text, masked", [
    ("电话13812345678，人均80元", "电话138****5678，人均80元"),        # 元 not right after it
    ("¥80，电话13812345678", "¥80，电话138****5678"),                 # ¥ belongs to another number
    ("订单号123，电话13812345678", "订单号123，电话138****5678"),       # the word introduces another
    ("订单号：无。身份证110101199003071234", "订单号：无。身份证110***********1234"),
    ("价格¥11010119900307123X", "价格¥110***********123X"),          # an X is no price
    ("border 13812345678", "border 138****5678"),                    # "order" inside a word
    ("RMBX13812345678", "RMBX13812345678"),                          # part of a code, as before
    ("元13812345678", "元138****5678"),                              # 元 before it is no price
    ("手机号13812345678", "手机号138****5678"),                       # 号 alone introduces a phone
    ("卡号 110101199003071234", "卡号 110***********1234"),           # a card is personal: masked
    ("我的订单：13812345678 是我电话 13912345678", "我的订单：13812345678 是我电话 139****5678"),
    ("电话１３８１２３４５６７８元", "电话１３８****５６７８元"),   # called a phone: a stray 元 is no price
    ("联系方式：手机13812345678块", "联系方式：手机138****5678块"),
    ("Tel: 13812345678 yuan", "Tel: 138****5678 yuan"),
])
def test_phones_and_id_numbers_near_prices_or_order_words_are_still_masked(text, masked):
    assert mask_in_text(text) == masked
