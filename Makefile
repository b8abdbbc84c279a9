# Developer shortcuts. The benchmark prints figures (never pass/fail).
PYTHON ?= python

.PHONY: bench bench-quick profile reliability

bench:  ## htmxtrame vs trame vs the floor, one table (sets up bench/.venv-trame)
	$(PYTHON) bench/run.py

bench-quick:  ## fewer samples, for checking the bench itself
	$(PYTHON) bench/run.py --quick --sessions 200

profile:  ## the htmxtrame click hot path, in-process (pyinstrument in bench/.venv-tools if present)
	@test -x bench/.venv-tools/bin/python || ($(PYTHON) -m venv --system-site-packages bench/.venv-tools && bench/.venv-tools/bin/pip install -q pyinstrument)
	bench/.venv-tools/bin/python bench/profile_hotpath.py

reliability:  ## the reliability suite (unit + browser)
	$(PYTHON) -m pytest tests/reliability e2e/test_reliability.py -q
