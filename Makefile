# Haven: `make demo` runs a synthetic council on http://127.0.0.1:8000; `make test` runs every check.
.PHONY: demo test install lint format check-migrations frontend bench clean

VENV := .venv
PY := $(VENV)/bin/python
HAVEN := $(VENV)/bin/haven

install:
	scripts/bootstrap.sh

demo: install
	scripts/demo.sh

test: install
	scripts/test.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

frontend:
	frontend/build.sh

bench: install
	scripts/bench.sh

clean:
	rm -rf $(VENV) .tools var
