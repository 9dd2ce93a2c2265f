#!/usr/bin/env bash
# Fuzzes the webhook envelope decoder (fuzz_targets/envelope.rs) for SECONDS (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz asks for nightly-only flags; on a
# stable toolchain RUSTC_BOOTSTRAP=1 lets the installed compiler accept them. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/envelope
RUSTC_BOOTSTRAP=1 cargo fuzz run envelope corpus/envelope seeds/envelope -- \
    -dict=json.dict -max_total_time="${SECONDS_TO_RUN:-600}" -max_len=65536 "$@"
