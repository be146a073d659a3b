# Yanglao — two commands: `make run` and `make test`.
SWIFT ?= swift
SCENARIO ?= Scenarios/anshan
DEBIAN_PACKAGES := libgsl-dev libglpk-dev libxlsxwriter-dev pkg-config

.PHONY: run test bench deps build format check-format clean

## Run the default scenario (Scenarios/anshan) with a release build.
run: deps build
	.build/release/yanglao run $(SCENARIO)

## Run every test.
test: deps
	$(SWIFT) test

## Run the benchmarks (a separate package under Benchmarks/).
bench: deps
	cd Benchmarks && $(SWIFT) package --allow-writing-to-package-directory benchmark

build:
	$(SWIFT) build -c release --product yanglao

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

format:
	Scripts/format.sh

check-format:
	Scripts/format.sh --check

clean:
	rm -rf .build Benchmarks/.build
