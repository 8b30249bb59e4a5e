#!/usr/bin/env python3
"""Fills each sample-ledger event's source title, part and reported date from the tables here.

For every event of examples/sample-ledger/NNN.jsonl:
- source.title = the document's title (documents.tsv), source.part = the title of the part its
  cited lines fall in (parts.tsv);
- reported = that part's date; for a sources_disagree event, the latest reported date of the
  claims it links (a conflict is known once its later claim is).
Prints every change it makes (file, id, field, old -> new) and an error for an event whose lines
fall in no part. Lines are rewritten only when something changed, in the same JSON form, so a
diff shows exactly what moved. Tests/DomainTests/SampleLedgerPartsTests.swift checks the result.

Usage: python3 examples/sources/fill-source-parts.py [--check]   (--check: change nothing, exit 1
if anything would change)
"""
import csv
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEDGER = os.path.join(HERE, "..", "sample-ledger")


def table(name):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def main():
    check = "--check" in sys.argv[1:]
    titles = {row["file"]: row["title"] for row in table("documents.tsv")}
    parts = [(r["file"], int(r["first_line"]), int(r["last_line"]), r["date"], r["title"]) for r in table("parts.tsv")]
    files = sorted(glob.glob(os.path.join(LEDGER, "*.jsonl")))
    events = {}
    lines = {}
    for path in files:
        with open(path, encoding="utf-8") as f:
            lines[path] = f.read().split("\n")
        for text in lines[path]:
            if text.strip():
                event = json.loads(text)
                events[event["id"]] = event
    problems = 0
    changes = 0

    def set_field(path, event, holder, key, value):
        nonlocal changes
        if holder.get(key) != value:
            print(f"{os.path.basename(path)} {event['id']}: {key} {holder.get(key)!r} -> {value!r}")
            holder[key] = value
            changes += 1

    for path in files:
        out = []
        for text in lines[path]:
            if not text.strip():
                out.append(text)
                continue
            event = events[json.loads(text)["id"]]
            source = event.get("source") or {}
            cited = [int(n) for n in source.get("lines", "0").split("-")]
            first, last = cited[0], cited[-1]
            part = next((p for p in parts if p[0] == source.get("file") and p[1] <= first and last <= p[2]), None)
            if part is None:
                print(f"error: {os.path.basename(path)} {event['id']}: lines {source.get('lines')} of {source.get('file')} fall in no part of parts.tsv", file=sys.stderr)
                problems += 1
                out.append(text)
                continue
            set_field(path, event, source, "title", titles[part[0]])
            set_field(path, event, source, "part", part[4])
            if event["type"] != "sources_disagree":
                set_field(path, event, event, "reported", part[3])
            out.append(json.dumps(event, ensure_ascii=False))
        lines[path] = out
    for path in files:  # conflicts last: their claims' dates are settled by now
        out = []
        for text in lines[path]:
            if text.strip():
                event = json.loads(text)
                if event["type"] == "sources_disagree":
                    claims = [events[i]["reported"] for i in event["data"]["events"] if i in events]
                    if claims:
                        set_field(path, event, event, "reported", max(claims))
                    events[event["id"]] = event
                    text = json.dumps(event, ensure_ascii=False)
            out.append(text)
        if not check:
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(out))
    if check and changes:
        print(f"{changes} changes needed", file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
