#!/usr/bin/env bash
# Black-box test of `motcua generate`: bad arguments exit 2 with a message, a database that has
# dossiers needs --append, and a small run prints its summary. Usage: generate_cli_test.sh MOTCUA
set -uo pipefail
motcua=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

# expect_exit CODE PATTERN ARGS...: runs `motcua generate ARGS`, checks the exit code and that
# stdout+stderr contain PATTERN.
expect_exit() {
    local code=$1 pattern=$2
    shift 2
    local out rc
    out=$("$motcua" generate "$@" 2>&1)
    rc=$?
    if [[ $rc -ne $code ]] || ! grep -q -- "$pattern" <<<"$out"; then
        echo "FAIL: generate $* → exit $rc (want $code), output: $out"
        failures=$((failures + 1))
    fi
}

db="sqlite:$dir/g.db"
expect_exit 2 "phải lớn hơn 0" --db "$db" --dossiers 0 --seed 1
expect_exit 2 "phải lớn hơn 0" --db "$db" --dossiers -5 --seed 1
expect_exit 2 "không hợp lệ" --db "$db" --dossiers abc --seed 1
expect_exit 2 "không hợp lệ" --db "$db" --dossiers 10 --seed x1
expect_exit 2 "không hợp lệ" --db "$db" --dossiers 10 --seed -1
expect_exit 2 "năm" --db "$db" --dossiers 10 --seed 1 --year 1999
expect_exit 2 "seed" --db "$db" --dossiers 10
expect_exit 2 "không hợp lệ\|scheme\|sqlite" --db "mysql://x" --dossiers 10 --seed 1
expect_exit 0 "dossiers=30 " --db "$db" --dossiers 30 --seed 1
# Not twice into the same database without --append; with it, 30 more.
expect_exit 2 "append" --db "$db" --dossiers 30 --seed 1
expect_exit 0 "dossiers=30 " --db "$db" --dossiers 30 --seed 2 --append
count=$(sqlite3 "$dir/g.db" "SELECT COUNT(*) FROM dossiers" 2>/dev/null || echo "?")
if command -v sqlite3 >/dev/null && [[ $count != 60 ]]; then
    echo "FAIL: expected 60 dossiers after --append, found $count"
    failures=$((failures + 1))
fi

if [[ $failures -gt 0 ]]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok"
