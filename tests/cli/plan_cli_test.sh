#!/usr/bin/env bash
# Black-box test of `motcua plan import FILE --dry-run --json [--year N]` (issue #7, H4) and
# `motcua plan export FILE --format docx|xlsx --out OUT` (engineer X); writing and exporting
# stored plans (`--db`, engineer P).
# Usage: plan_cli_test.sh /path/to/motcua /path/to/tests/fixtures/seeds
set -uo pipefail
BIN=$1
SEEDS=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failed=0
fail() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}
command -v jq >/dev/null || { echo "FAIL: jq is required"; exit 1; }

# S2: JSON that parses, with the top-level keys and the counts of the document.
"$BIN" plan import "$SEEDS/s2-nhat-tan-2024.txt" --dry-run --json >"$TMP/s2.json" 2>"$TMP/err"
rc=$?
[[ $rc -eq 0 ]] || fail "s2: rc $rc $(cat "$TMP/err")"
jq -e 'has("sections") and has("problems") and has("year") and has("format") and has("counts")' \
  "$TMP/s2.json" >/dev/null || fail "s2: top-level keys missing or not JSON"
[[ "$(jq -r '.year' "$TMP/s2.json")" == "2024" ]] || fail "s2: year"
[[ "$(jq -r '.format' "$TMP/s2.json")" == "tsv" ]] || fail "s2: format"
[[ "$(jq -r '.sections | length' "$TMP/s2.json")" == "8" ]] || fail "s2: 8 sections"
[[ "$(jq -r '[.sections[].tasks[]] | length' "$TMP/s2.json")" == "18" ]] || fail "s2: 18 tasks"
[[ "$(jq -r '.problems | length' "$TMP/s2.json")" == "0" ]] || fail "s2: problems"
[[ "$(jq -r '.sections[0].tasks[0].deliverables[0].deadline.due[0]' "$TMP/s2.json")" == "2024-01-31" ]] ||
  fail "s2: first due date"

# S1 with an explicit year: the one known problem (VIII.2's merged deadline cell, line 1127).
"$BIN" plan import "$SEEDS/s1-thua-thien-hue-2024.txt" --dry-run --json --year 2024 >"$TMP/s1.json" ||
  fail "s1: rc"
[[ "$(jq -r '.problems[0].line' "$TMP/s1.json")" == "1127" ]] || fail "s1: problem line"

# Without --dry-run: exit 2, nothing on stdout, the message.
out=$("$BIN" plan import "$SEEDS/s2-nhat-tan-2024.txt" 2>"$TMP/err")
rc=$?
[[ $rc -eq 2 && -z "$out" ]] || fail "no --dry-run: rc $rc"
grep -q "dùng --dry-run" "$TMP/err" || fail "no --dry-run: message"

# Unreadable, oversized and non-UTF-8 files: exit 1 with a message.
out=$("$BIN" plan import "$TMP/missing.txt" --dry-run --json 2>"$TMP/err")
rc=$?
[[ $rc -eq 1 && -z "$out" && -s "$TMP/err" ]] || fail "missing file: rc $rc"
head -c $((5 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' >"$TMP/big.txt"
out=$("$BIN" plan import "$TMP/big.txt" --dry-run --json 2>"$TMP/err")
rc=$?
[[ $rc -eq 1 && -z "$out" ]] || fail "big file: rc $rc"
grep -q "5 MB" "$TMP/err" || fail "big file: message"
printf 'STT\tN\xffi dung\n' >"$TMP/latin1.txt"
out=$("$BIN" plan import "$TMP/latin1.txt" --dry-run --json 2>"$TMP/err")
rc=$?
[[ $rc -eq 1 && -z "$out" ]] || fail "invalid UTF-8: rc $rc"
grep -q "UTF-8" "$TMP/err" || fail "invalid UTF-8: message"

# A table with a missing cell: still exit 0, the problem listed with its line.
printf 'Kế hoạch năm 2024\nSTT\tNội dung\tThời hạn\n1\tViệc một\tQuý I/2024\n2\tViệc hai\n' >"$TMP/bad.txt"
"$BIN" plan import "$TMP/bad.txt" --dry-run --json >"$TMP/bad.json" || fail "bad table: rc"
[[ "$(jq -r '.problems[0].line' "$TMP/bad.json")" == "4" ]] || fail "bad table: problem line"
[[ "$(jq -r '[.sections[].tasks[]] | length' "$TMP/bad.json")" == "2" ]] || fail "bad table: rows kept"

# DOCX and XLSX (issue #7, engineer X): `plan export` writes the plan; `plan import` picks the
# DOCX reader by the content ("PK\x03\x04"), not the name, and reads the same plan back.
"$BIN" plan export "$SEEDS/s2-nhat-tan-2024.txt" --format docx --out "$TMP/s2-plan.bin" 2>"$TMP/err" ||
  fail "export docx: rc $(cat "$TMP/err")"
[[ "$(head -c 4 "$TMP/s2-plan.bin" | od -An -c | tr -d ' ')" == 'PK003004' ]] || fail "export docx: not a zip"
[[ ! -e "$TMP/s2-plan.bin.tmp" ]] || fail "export docx: temporary file left"
"$BIN" plan import "$TMP/s2-plan.bin" --dry-run --json >"$TMP/s2docx.json" 2>"$TMP/err" ||
  fail "import docx: rc $(cat "$TMP/err")"
[[ "$(jq -c '.counts' "$TMP/s2docx.json")" == "$(jq -c '.counts' "$TMP/s2.json")" ]] ||
  fail "import docx: counts $(jq -c '.counts' "$TMP/s2docx.json")"
[[ "$(jq -r '.decision.number' "$TMP/s2docx.json")" == "12/QĐ-UBND" ]] || fail "import docx: decision"
[[ "$(jq -r '.sections[0].tasks[0].deliverables[0].deadline.due[0]' "$TMP/s2docx.json")" == "2024-01-31" ]] ||
  fail "import docx: first due date"
"$BIN" plan export "$SEEDS/s0-bo-trach-2024.txt" --format xlsx --out "$TMP/s0.xlsx" 2>"$TMP/err" ||
  fail "export xlsx: rc $(cat "$TMP/err")"
unzip -p "$TMP/s0.xlsx" xl/sharedStrings.xml >"$TMP/s0-strings.xml" || fail "export xlsx: unzip"
grep -q "Đơn vị chủ trì" "$TMP/s0-strings.xml" || fail "export xlsx: header"
grep -q "Văn phòng HĐND-UBND huyện" "$TMP/s0-strings.xml" || fail "export xlsx: a lead unit"
# A broken DOCX, a zip that is not a Word file, an unknown format, a file without a table:
# exit 1 (CLI11's own code for a bad option) with a message, nothing written.
head -c 400 "$TMP/s2-plan.bin" >"$TMP/broken.docx"
out=$("$BIN" plan import "$TMP/broken.docx" --dry-run --json 2>"$TMP/err")
rc=$?
[[ $rc -eq 1 && -z "$out" ]] || fail "broken docx: rc $rc"
grep -q "DOCX" "$TMP/err" || fail "broken docx: message"
out=$("$BIN" plan import "$TMP/s0.xlsx" --dry-run --json 2>"$TMP/err")
rc=$?
[[ $rc -eq 1 && -z "$out" ]] || fail "xlsx as plan: rc $rc"
grep -q "word/document.xml" "$TMP/err" || fail "xlsx as plan: message"
"$BIN" plan export "$SEEDS/s2-nhat-tan-2024.txt" --format pdf --out "$TMP/x.pdf" 2>/dev/null &&
  fail "export pdf: accepted"
[[ ! -e "$TMP/x.pdf" ]] || fail "export pdf: file written"
printf 'Không có bảng\n' >"$TMP/empty.txt"
"$BIN" plan export "$TMP/empty.txt" --format docx --out "$TMP/empty.docx" 2>"$TMP/err" &&
  fail "export without table: accepted"
[[ ! -e "$TMP/empty.docx" ]] || fail "export without table: file written"
grep -q "không có bảng nhiệm vụ" "$TMP/err" || fail "export without table: message"

# Writing (engineer P): `plan import FILE --db URL --unit CODE` stores the plan and prints its id,
# counts and unmatched names; the same decision twice, an unknown unit: exit 1, nothing more.
DB="sqlite:$TMP/plans.db"
"$BIN" seed-demo --db "$DB" >/dev/null 2>&1 || fail "write: seed-demo"
"$BIN" plan import "$SEEDS/s2-nhat-tan-2024.txt" --db "$DB" --unit 19753 >"$TMP/w.json" 2>"$TMP/err" ||
  fail "write: rc $(cat "$TMP/err")"
[[ "$(jq -r '.plan_id' "$TMP/w.json")" == "1" ]] || fail "write: plan id"
[[ "$(jq -r '.counts.tasks' "$TMP/w.json")" == "18" ]] || fail "write: 18 tasks"
[[ "$(jq -r '.decision' "$TMP/w.json")" == "12/QĐ-UBND" ]] || fail "write: decision"
jq -e '.unmatched | length > 0' "$TMP/w.json" >/dev/null || fail "write: unmatched names listed"
out=$("$BIN" plan import "$SEEDS/s2-nhat-tan-2024.txt" --db "$DB" --unit 19753 2>"$TMP/err")
rc=$?
[[ $rc -eq 1 && -z "$out" ]] || fail "write duplicate: rc $rc"
grep -q "12/QĐ-UBND" "$TMP/err" || fail "write duplicate: message"
out=$("$BIN" plan import "$SEEDS/s2-nhat-tan-2024.txt" --db "$DB" --unit KHONGCO 2>"$TMP/err")
rc=$?
[[ $rc -eq 1 && -z "$out" ]] || fail "write unknown unit: rc $rc"
"$BIN" plan import "$SEEDS/s1-thua-thien-hue-2024.txt" --db "$DB" --unit 46 --year 2024 \
  >"$TMP/w1.json" 2>"$TMP/err" || fail "write s1: rc $(cat "$TMP/err")"
[[ "$(jq -r '.plan_id' "$TMP/w1.json")" == "2" ]] || fail "write s1: plan id"
[[ "$(jq -r '.problems[0].line' "$TMP/w1.json")" == "1127" ]] || fail "write s1: problem"
# Each unmatched name once with the number of cells naming it (S1: 10 names over 37 cells).
[[ "$(jq -r '.unmatched | length' "$TMP/w1.json")" == "10" ]] || fail "write s1: 10 unmatched names"
[[ "$(jq -r '.counts.unmatched_names' "$TMP/w1.json")" == "10" ]] || fail "write s1: unmatched_names"
[[ "$(jq -r '[.unmatched[].count] | add' "$TMP/w1.json")" == "$(jq -r '.counts.unmatched' "$TMP/w1.json")" ]] ||
  fail "write s1: counts add up to the cells"
[[ "$(jq -r '[.unmatched[].name] | unique | length' "$TMP/w1.json")" == "10" ]] ||
  fail "write s1: names unique"
jq -e '.counts.unmatched > 10' "$TMP/w1.json" >/dev/null || fail "write s1: more cells than names"

# Export of a stored plan (engineer P): `plan export --db URL --plan ID --format docx|xlsx --out`;
# the DOCX imported back (dry run) gives S2's counts; an unknown plan, a file and --plan together,
# neither: exit 1 / 2, nothing written.
"$BIN" plan export --db "$DB" --plan 1 --format docx --out "$TMP/stored.docx" 2>"$TMP/err" ||
  fail "export stored: rc $(cat "$TMP/err")"
"$BIN" plan import "$TMP/stored.docx" --dry-run --json >"$TMP/stored.json" 2>"$TMP/err" ||
  fail "export stored: re-import rc $(cat "$TMP/err")"
[[ "$(jq -r '.counts.sections' "$TMP/stored.json")" == "8" ]] || fail "export stored: 8 sections"
[[ "$(jq -r '.counts.tasks' "$TMP/stored.json")" == "18" ]] || fail "export stored: 18 tasks"
[[ "$(jq -r '.decision.number' "$TMP/stored.json")" == "12/QĐ-UBND" ]] || fail "export stored: decision"
"$BIN" plan export --db "$DB" --plan 1 --format xlsx --out "$TMP/stored.xlsx" 2>"$TMP/err" ||
  fail "export stored xlsx: rc $(cat "$TMP/err")"
[[ "$(head -c 2 "$TMP/stored.xlsx")" == "PK" ]] || fail "export stored xlsx: a zip"
"$BIN" plan export --db "$DB" --plan 99 --format docx --out "$TMP/none.docx" 2>"$TMP/err"
rc=$?
[[ $rc -eq 1 && ! -e "$TMP/none.docx" ]] || fail "export unknown plan: rc $rc"
"$BIN" plan export "$SEEDS/s2-nhat-tan-2024.txt" --db "$DB" --plan 1 --format docx \
  --out "$TMP/both.docx" 2>"$TMP/err"
rc=$?
[[ $rc -eq 2 && ! -e "$TMP/both.docx" ]] || fail "export file and --plan: rc $rc"
"$BIN" plan export --format docx --out "$TMP/neither.docx" 2>"$TMP/err"
rc=$?
[[ $rc -eq 2 && ! -e "$TMP/neither.docx" ]] || fail "export neither: rc $rc"

if [[ $failed -gt 0 ]]; then
  echo "$failed failure(s)"
  exit 1
fi
echo "ok"
