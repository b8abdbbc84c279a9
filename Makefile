# Developer shortcuts. The benchmark prints figures (never pass/fail).
PYTHON ?= python

.PHONY: bench bench-quick bench-shared bench-first-click profile reliability

# The independent harness (issue 13): ../shared/bench beside the project, or /work/shared/bench.
SHARED_BENCH ?= $(firstword $(wildcard ../shared/bench /work/shared/bench))
SHARED_BENCH_DIR ?= $(CURDIR)/bench/.shared-run
RUNS ?= 2

bench:  ## htmxtrame vs trame vs the floor, one table (sets up bench/.venv-trame)
	$(PYTHON) bench/run.py

bench-shared:  ## the shared harness: this checkout, the htmx4 floor and the floor in one run (RUNS=1 for a quick one)
	@test -n "$(SHARED_BENCH)" || (echo "no shared harness: set SHARED_BENCH=path/to/shared/bench" && exit 1)
	@# the harness's venv (kept in SHARED_BENCH_DIR) installs the checkout once; PYTHONPATH makes every run import it as it is now
	rm -rf $(SHARED_BENCH_DIR)/results
	BENCH_DIR=$(SHARED_BENCH_DIR) PYTHONPATH=$(CURDIR) RUNS=$(RUNS) bash $(SHARED_BENCH)/run.sh htmxtrame htmx4floor floor
	@cat $(SHARED_BENCH_DIR)/RESULTS.md

LOADS ?= 20
bench-first-click:  ## first working click over LOADS interleaved cold loads, htmxtrame beside the htmx4 floor (after bench-shared once)
	SHARED_BENCH_DIR=$(SHARED_BENCH_DIR) $(SHARED_BENCH_DIR)/venv/bin/python bench/first_click.py --loads $(LOADS)

bench-quick:  ## fewer samples, for checking the bench itself
	$(PYTHON) bench/run.py --quick --sessions 200

profile:  ## the htmxtrame click hot path, in-process (pyinstrument in bench/.venv-tools if present)
	@test -x bench/.venv-tools/bin/python || ($(PYTHON) -m venv --system-site-packages bench/.venv-tools && bench/.venv-tools/bin/pip install -q pyinstrument)
	bench/.venv-tools/bin/python bench/profile_hotpath.py

reliability:  ## the reliability suite (unit + browser)
	$(PYTHON) -m pytest tests/reliability e2e/test_reliability.py -q
