#!/usr/bin/env bash
# Install Debian's headless browser for the browser test in tests/test_review.py, plus a
# small CJK font (fonts-wqy-microhei, 5 MB) so screenshots of Chinese text are not tofu.
# Idempotent: installs only what is missing. Never fails the build: without root or apt-get
# it says so and exits 0, and the browser test then skips saying why.
set -uo pipefail

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/bin/$1" ]; }

missing=()
have chromium || missing+=(chromium)
have chromedriver || missing+=(chromium-driver)
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null)" ]; }; then
    missing+=(fonts-wqy-microhei)
fi

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-chromium: chromium, chromedriver and a CJK font already installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-chromium: missing ${missing[*]} but not root; skipping (the browser test will skip)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: missing ${missing[*]} but no apt-get; skipping (the browser test will skip)"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    echo "install-chromium: installed ${missing[*]} ($(chromium --version 2>/dev/null))"
else
    echo "install-chromium: apt-get install ${missing[*]} failed; skipping (the browser test will skip)"
fi
exit 0
