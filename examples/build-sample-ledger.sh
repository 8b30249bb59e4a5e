#!/usr/bin/env bash
# Rebuilds examples/ledger from examples/sample-ledger/NNN.jsonl (one file per source document),
# deterministically.
#
# The files are imported as one batch, in name order (000 … 004), so an event of one document may
# point at an event of another (`restates`, `sources_disagree`). SOURCE_DATE_EPOCH fixes the
# store's recorded-at time, so a fresh build is byte-for-byte the same as the committed one;
# running it on an existing ledger appends nothing (ids are stable). To rebuild from scratch:
# rm -rf examples/ledger && bash examples/build-sample-ledger.sh
#
# Beside the five documents the ledger holds the real DfE workforce series of
# examples/data/csww_indicators_2017_to_2023.csv for Trafford and Bury, with England and the North
# West beside them (known from 2024-02-29, the release date the file name gives), and Ofsted's
# inspection history of examples/data/ofsted_csc_ilacs_history_north_west.csv for Trafford and Bury
# (each report known from its publication date; --released 2026-08-21, the date of that edition of
# the file, dates any revision). A report of an inspection the documents already state restates
# that inspection (one fact, several sources) instead of standing beside it as a second one.
set -euo pipefail
cd "$(dirname "$0")/.."
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1795478400}"  # 2026-11-24T00:00:00Z
export LC_ALL=C  # the glob below sorts by byte order everywhere
swift build --product journey >/dev/null
.build/debug/journey import events examples/sample-ledger/*.jsonl --ledger examples/ledger
.build/debug/journey import csww examples/data/csww_indicators_2017_to_2023.csv --ledger examples/ledger \
  --authority Trafford --authority Bury
.build/debug/journey import ilacs examples/data/ofsted_csc_ilacs_history_north_west.csv --ledger examples/ledger \
  --authority Trafford --authority Bury --released 2026-08-21
.build/debug/journey verify --ledger examples/ledger
