#!/usr/bin/env bash
# Black-box test of `motcua plan import FILE --dry-run --json [--year N]` (issue #7, H4).
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

if [[ $failed -gt 0 ]]; then
  echo "$failed failure(s)"
  exit 1
fi
echo "ok"
