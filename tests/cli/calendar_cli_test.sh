#!/usr/bin/env bash
# Black-box test of `motcua calendar ...` (the interface other tools depend on, issue #2).
# Usage: calendar_cli_test.sh /path/to/motcua /path/to/tests/cli
set -uo pipefail
BIN=$1
DIR=$2
passed=0
failed=0
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# expect <expected stdout> <expected exit code> -- args...
expect() {
  local want=$1 want_rc=$2
  shift 3
  local got rc
  got=$("$BIN" "$@" 2>"$TMP/stderr")
  rc=$?
  if [[ "$got" == "$want" && $rc -eq $want_rc ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: motcua $*"
    echo "  expected (rc $want_rc): $want"
    echo "  got      (rc $rc): $got"
    echo "  stderr: $(cat "$TMP/stderr")"
  fi
}

# expect_error <stderr substring> -- args...: exit code 2, nothing on stdout, message on stderr.
expect_error() {
  local want=$1
  shift 2
  local got rc
  got=$("$BIN" "$@" 2>"$TMP/stderr")
  rc=$?
  if [[ $rc -eq 2 && -z "$got" ]] && grep -qF -- "$want" "$TMP/stderr"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: motcua $* (expected exit 2 and stderr containing '$want')"
    echo "  got rc $rc, stdout: $got"
    echo "  stderr: $(cat "$TMP/stderr")"
  fi
}

expect "1/1/2026" 0 -- calendar lunar 2026-02-17
expect "1/1/1985" 0 -- calendar lunar 1985-01-21
expect "4/2/2023 (nhuận)" 0 -- calendar lunar 2023-03-25
expect "30/12/1899" 0 -- calendar lunar 1900-01-30
expect "2026-02-17" 0 -- calendar solar 1/1/2026
expect "2026-04-26" 0 -- calendar solar 10/3/2026
expect "2023-03-31" 0 -- calendar solar 10/2/2023 --leap
expect "2023-03-01" 0 -- calendar solar 10/2/2023

expect "$(printf '2026-01-01\tTết Dương lịch\n2026-01-02\tNghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)\n2026-01-10\tlàm bù\n2026-02-16\tTết Nguyên đán Bính Ngọ\n2026-02-17\tTết Nguyên đán Bính Ngọ\n2026-02-18\tTết Nguyên đán Bính Ngọ\n2026-02-19\tTết Nguyên đán Bính Ngọ\n2026-02-20\tTết Nguyên đán Bính Ngọ\n2026-04-26\tGiỗ Tổ Hùng Vương\n2026-04-27\tNghỉ bù Giỗ Tổ Hùng Vương\n2026-04-30\tNgày Chiến thắng\n2026-05-01\tNgày Quốc tế Lao động\n2026-08-22\tlàm bù\n2026-08-31\tNghỉ hoán đổi (làm bù thứ Bảy 22/8/2026)\n2026-09-01\tQuốc khánh\n2026-09-02\tQuốc khánh')" \
  0 -- calendar holidays 2026
# The pending Culture Day appears only when switched on.
got=$("$BIN" calendar --enable culture-day holidays 2026 | grep -c '2026-11-24')
if [[ "$got" == "1" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: culture-day"; fi
# A unit's local closure.
printf '2026-03-05\tclosure\tNghỉ tránh bão số 1\tQuyết định 12/QĐ-UBND\n' >"$TMP/local.tsv"
got=$("$BIN" calendar --local "$TMP/local.tsv" holidays 2026 | grep '2026-03-05')
if [[ "$got" == "$(printf '2026-03-05\tNghỉ tránh bão số 1')" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: local closure: $got"; fi
expect "2026-03-06T16:00:00+07:00" 0 -- calendar --local "$TMP/local.tsv" add 2026-03-04T16:00 1d

expect "2026-02-25T16:00:00+07:00" 0 -- calendar add 2026-02-13T16:00:00+07:00 3d
expect "2026-02-25T16:00:00+07:00" 0 -- calendar add 2026-02-13T09:00:00Z 3d
expect "2026-03-03T11:30:00+07:00" 0 -- calendar add 2026-03-02T11:45+07:00 1d
expect "2026-03-02T17:00:00+07:00" 0 -- calendar add 2026-03-02T11:45+07:00 0.5d
expect "2026-03-02T16:30:00+07:00" 0 -- calendar add 2026-03-02T11:00+07:00 4h
expect "2026-03-20T10:00:00+07:00" 0 -- calendar add 2026-03-10T10:00 5d --pause 2026-03-12T10:00/2026-03-17T10:00
expect "24" 0 -- calendar between 2026-02-13T16:00:00+07:00 2026-02-25T16:00:00+07:00
expect "1.5" 0 -- calendar between 2026-03-02T11:00 2026-03-02T14:00
expect "-24" 0 -- calendar between 2026-02-25T16:00 2026-02-13T16:00
expect "2026-03-09T10:30:00+07:00" 0 -- calendar --hours "mon-fri 07:30-11:30,13:00-17:00; sat 07:30-11:30" add 2026-03-06T16:00 1d

expect_error "bad date '2026-02-30'" -- calendar lunar 2026-02-30
expect_error "outside" -- calendar lunar 1899-12-31
expect_error "outside" -- calendar lunar 2200-01-01
expect_error "leap" -- calendar solar 1/3/2026 --leap
expect_error "bad lunar date" -- calendar solar 1-1-2026
expect_error "outside 1900–2199" -- calendar holidays 2200
expect_error "bad year" -- calendar holidays 26
expect_error "bad instant" -- calendar add 2026-02-13T25:00 3d
expect_error "bad working time" -- calendar add 2026-02-13T10:00 3w
expect_error "bad working time" -- calendar add 2026-02-13T10:00 -3d
expect_error "outside" -- calendar add 2199-12-31T10:00 3d
expect_error "bad instant" -- calendar between 2026-02-13 nonsense
expect_error "office hours" -- calendar --hours "mon 17:00-07:00" add 2026-02-13T10:00 1d
expect_error "cannot read" -- calendar --holidays "$TMP/missing.tsv" holidays 2026
printf '# ok\n2026\tyear\tLịch\tTB 1\n2026-02-30\tholiday\tX\tY\n' >"$TMP/bad.tsv"
expect_error "$TMP/bad.tsv:3: bad date '2026-02-30'" -- calendar --holidays "$TMP/bad.tsv" holidays 2026
printf '2026-01-01\tholiday\tTết Dương lịch\n' >"$TMP/bad2.tsv"
expect_error "$TMP/bad2.tsv:1: expected 4 TAB-separated fields" -- calendar --holidays "$TMP/bad2.tsv" add 2026-01-05T08:00 1d
expect_error "Run with --help" -- calendar
expect_error "" -- calendar lunar

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
