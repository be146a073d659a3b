# Yanglao — two commands: `make run` and `make test`.
SWIFT ?= swift
SCENARIO ?= Scenarios/anshan/variants/plan.yaml
# release for use; CI runs the debug build its tests have already built.
CONFIGURATION ?= release
DEBIAN_PACKAGES := libgsl-dev libglpk-dev libxlsxwriter-dev pkg-config

.PHONY: run serve test bench deps report-deps check-reports build format check-format clean

## Run the default scenario (Anshan's plan) with a release build.
run: deps build
	.build/$(CONFIGURATION)/yanglao run $(SCENARIO)

## Open the planning workbench in the browser on the default scenario's folder (Anshan);
## it prints the address to open. PORT=8090 to change the port.
SERVE ?= Scenarios/anshan
PORT ?= 8080
serve: deps build
	.build/$(CONFIGURATION)/yanglao serve $(SERVE) --port $(PORT)

## Run every test.
test: deps
	$(SWIFT) test

## Run the benchmarks (a separate package under Benchmarks/).
bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

build:
	$(SWIFT) build -c $(CONFIGURATION) --product yanglao

## Install the Debian packages the C bridges need: as root, with apt-get; otherwise
## print the one command to run.
deps:
	@missing=""; \
	for package in $(DEBIAN_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
	        || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        echo "Installing Debian packages:$$missing"; \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	    else \
	        echo "Missing Debian packages:$$missing. Install them with:"; \
	        echo "    sudo apt-get install -y$$missing"; \
	        exit 1; \
	    fi; \
	fi

## Check the reports in headless Chromium and read the workbook back (what CI runs).
check-reports: deps report-deps
	Scripts/check-reports.sh

## Chromium and CJK fonts (Debian) and openpyxl (PyPI), for checking the reports.
report-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
	    if [ "$$(id -u)" = 0 ]; then \
	        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; \
	    else \
	        echo "Install Chromium with: sudo apt-get install -y chromium fonts-noto-cjk"; exit 1; \
	    fi; \
	fi
	@python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install -q openpyxl

format:
	Scripts/format.sh

check-format:
	Scripts/format.sh --check

clean:
	rm -rf .build Benchmarks/.build
