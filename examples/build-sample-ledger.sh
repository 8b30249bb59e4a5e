#!/usr/bin/env bash
# Rebuilds examples/ledger from examples/sample-ledger.jsonl, deterministically.
#
# SOURCE_DATE_EPOCH fixes the store's recorded-at time, so a fresh build is byte-for-byte the
# same as the committed one; running it on an existing ledger appends nothing (ids are stable).
set -euo pipefail
cd "$(dirname "$0")/.."
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795478400}"  # 2026-11-24T00:00:00Z
swift build --product journey >/dev/null
.build/debug/journey import events examples/sample-ledger.jsonl --ledger examples/ledger
.build/debug/journey verify --ledger examples/ledger
