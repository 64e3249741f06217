#!/usr/bin/env bash
# Black-box test of `motcua report ... --format json|xlsx|pdf [--output FILE]` and
# `motcua letter ... --format docx|pdf` (issue #6).
# Usage: report_cli_test.sh /path/to/motcua
set -uo pipefail
BIN=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failed=0
fail() {
  echo "FAIL: $*"
  failed=$((failed + 1))
}

DB="sqlite:$TMP/demo.db"
"$BIN" seed-demo --db "$DB" >/dev/null 2>&1 || fail "seed-demo"

# PDF into a file: a PDF, nothing on stdout.
out=$("$BIN" report --db "$DB" --unit 46 --period 2026-Q4 --format pdf --output "$TMP/r.pdf")
rc=$?
[[ $rc -eq 0 && -z "$out" ]] || fail "pdf --output: rc $rc, stdout '$out'"
[[ "$(head -c 5 "$TMP/r.pdf")" == "%PDF-" ]] || fail "r.pdf is not a PDF"

# XLSX on stdout: a zip (PK).
"$BIN" report --db "$DB" --unit 46.SOTP --period 2026-Q4 --window calendar --format xlsx \
  >"$TMP/r.xlsx" || fail "xlsx to stdout"
[[ "$(head -c 2 "$TMP/r.xlsx")" == "PK" ]] || fail "r.xlsx is not a zip"
if command -v unzip >/dev/null; then
  unzip -p "$TMP/r.xlsx" xl/sharedStrings.xml | grep -q "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" ||
    fail "the title is missing from the XLSX"
fi

# JSON stays the default.
"$BIN" report --db "$DB" --unit 46 --period 2026-Q4 | grep -q '"form":"06/VPCP/KSTT"' ||
  fail "json default"

# A bad format: exit 2, nothing on stdout, a clear message.
out=$("$BIN" report --db "$DB" --unit 46 --period 2026-Q4 --format docx 2>"$TMP/err")
rc=$?
[[ $rc -eq 2 && -z "$out" ]] || fail "docx: rc $rc"
grep -q "json, xlsx hoặc pdf" "$TMP/err" || fail "docx message: $(cat "$TMP/err")"

# An output file that cannot be written: exit 2.
"$BIN" report --db "$DB" --unit 46 --period 2026-Q4 --format pdf --output "$TMP/no/such/x.pdf" \
  2>"$TMP/err"
rc=$?
[[ $rc -eq 2 ]] || fail "unwritable output: rc $rc"
grep -q "không ghi được tệp" "$TMP/err" || fail "unwritable message: $(cat "$TMP/err")"

# The correction letter: DOCX (a valid zip with the document part) and PDF (the default).
"$BIN" letter --db "$DB" --unit 46 --period 2026-Q4 --format docx --output "$TMP/l.docx" ||
  fail "letter docx"
if command -v unzip >/dev/null; then
  unzip -tq "$TMP/l.docx" >/dev/null || fail "l.docx is not a valid zip"
  unzip -p "$TMP/l.docx" word/document.xml | grep -q "Hồ sơ giải quyết chậm trễ, tồn đọng" ||
    fail "the overdue section is missing from the DOCX"
fi
"$BIN" letter --db "$DB" --unit 46 --period 2026-Q4 >"$TMP/l.pdf" || fail "letter pdf"
[[ "$(head -c 5 "$TMP/l.pdf")" == "%PDF-" ]] || fail "l.pdf is not a PDF"
out=$("$BIN" letter --db "$DB" --unit 46 --period 2026-Q4 --format xlsx 2>"$TMP/err")
rc=$?
[[ $rc -eq 2 && -z "$out" ]] || fail "letter xlsx: rc $rc"
grep -q "docx hoặc pdf" "$TMP/err" || fail "letter xlsx message: $(cat "$TMP/err")"
"$BIN" letter --db "$DB" --unit KHONGCO --period 2026-Q4 2>"$TMP/err" >/dev/null
[[ $? -eq 2 ]] || fail "letter unknown unit"

if [[ $failed -ne 0 ]]; then
  echo "$failed failure(s)"
  exit 1
fi
echo "report CLI: all checks passed"
