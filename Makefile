# Atelier. `make kiosk` and `make test` are the two commands a newcomer needs (see README).

SWIFT        ?= swift
APT_PACKAGES := libicu-dev libreadline-dev libsqlite3-dev libqrencode-dev libespeak-ng-dev espeak-ng-data libsndfile1-dev libpcaudio-dev unicode-data gettext python3-pexpect time
# Only the tests need a browser (the phone page is checked in headless Chromium), Node.js (`node --check` parses
# the phone page's script) and a PostgreSQL server (the multi-site sync is tested against Debian's own, in a
# throwaway cluster the tests start on 127.0.0.1). zbar-tools: `zbarimg` decodes the projector's QR code as drawn on a
# light and on a dark terminal. python3-pyte: a terminal emulator that reads the projector back as a room sees it.
TEST_APT_PACKAGES := chromium nodejs postgresql zbar-tools python3-pyte python3-pip
RELEASE_BIN  := .build/release
DATA         ?= $(CURDIR)/.atelier/atelier.sqlite

.PHONY: kiosk test test-deps build deps bench bench-smoke crash-test fuzz tsan tsan-smoke lint clean

## kiosk: install what is missing, build (release), start the kiosk on the bundled lessons
kiosk: build
	$(RELEASE_BIN)/atelier kiosk --lessons Lessons --locales Locales --data $(DATA)

## test: install what is missing, build and run every test
test: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(TEST_APT_PACKAGES)"
	@$(MAKE) --no-print-directory test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## build: the release binary
build: deps
	$(SWIFT) build -c release --product atelier

## bench: every performance figure on a release build; rewrites the table of docs/performance.md, keeping its notes (needs postgresql for the sync figure)
bench: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="postgresql"
	$(SWIFT) build -c release --product atelier
	$(SWIFT) build -c release --product atelier-floor
	$(SWIFT) build -c release --product atelier-bench
	$(RELEASE_BIN)/atelier-bench full --write docs/performance.md

## bench-smoke: the short variant CI runs; fails when a figure is more than 2x worse than its target
bench-smoke: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="postgresql"
	$(SWIFT) build -c release --product atelier
	$(SWIFT) build -c release --product atelier-floor
	$(SWIFT) build -c release --product atelier-bench
	$(RELEASE_BIN)/atelier-bench smoke

## crash-test: the kiosk killed with SIGKILL at random moments, 100 times; nothing acknowledged may be lost
crash-test: build
	python3 Tests/AtelierCLITests/kiosk_crash_test.py 100 $(RELEASE_BIN)/atelier

## fuzz: libFuzzer with AddressSanitizer and UBSan on the YAML, PO, MessageFormat and quiz readers and the layout,
## 60 s each (a separate build in .build-fuzz); keep what it finds in Tests/Fuzz/regressions/ (see Tests/Fuzz/fuzz.sh)
fuzz: deps
	bash Tests/Fuzz/fuzz.sh 60

## tsan: every test under ThreadSanitizer, in a build of its own (.build-tsan); a data race fails the run
TSAN_FILTER ?=
tsan: deps
	@$(MAKE) --no-print-directory deps APT_PACKAGES="$(TEST_APT_PACKAGES)"
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
	  $(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan $(TSAN_FILTER)

## tsan-smoke: the short variant CI runs: the suites where threads and tasks meet (quiz host, recorder, sync, logs)
tsan-smoke:
	@$(MAKE) --no-print-directory tsan \
	  TSAN_FILTER='--filter "QuizHostIntegration|QuizRoom|FanOut|JoinGuard|SyncTests|Deadline|Durability|LogFile|ContentLinter|Layer"'

## test-deps: what the tests fetch that Debian does not package. axe-core (the progress page's accessibility check) has
## no Debian package and there is no npm registry here: its axe.min.js (v4.12.1) comes inside a PyPI wheel, taken
## with pip and unpacked into a git-ignored cache (never committed).
AXE_CACHE := .test-deps/axe
# The wheel checked against the hash PyPI published for it, so that the test never runs a script that changed.
AXE_WHEEL_SHA256 := fdd263c998388f1a8e67cad02677e612d946248bd44d163be5e8650ea31f95f8
test-deps: $(AXE_CACHE)/axe.min.js
$(AXE_CACHE)/axe.min.js:
	@mkdir -p $(AXE_CACHE)
	python3 -m pip download axe-playwright-python==0.1.8 --no-deps --quiet -d $(AXE_CACHE)
	python3 -c "import zipfile, glob, hashlib, sys; w = glob.glob('$(AXE_CACHE)/axe_playwright_python-0.1.8-*.whl')[0]; \
	  sys.exit('axe wheel: unexpected sha256') if hashlib.sha256(open(w, 'rb').read()).hexdigest() != '$(AXE_WHEEL_SHA256)' else None; \
	  open('$@', 'wb').write(zipfile.ZipFile(w).read('axe_playwright_python/axe.min.js'))"

## deps: the Debian packages the build and the tests need, installed with apt-get when run as root
deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { \
	  echo "The Swift toolchain is not on PATH: install Swift 6 (https://www.swift.org/install/linux/) first."; \
	  exit 1; }
	@missing=""; \
	for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing system packages:$$missing"; \
	    echo "Install them with:  sudo apt-get install$$missing"; \
	    exit 1; \
	  fi; \
	fi

clean:
	rm -rf .build
