# cli_harness.sh: sourced by the CLI tests; runs smp, checks exit codes and messages, counts.
passed=0
failed=0
tmp=$(mktemp -d) # the suite's scratch folder, gone when it ends (a suite may set its own trap instead)
trap 'rm -rf "$tmp"' EXIT

# expect CODE PATTERN -- ARGS...: smp ARGS exits CODE and its stderr+stdout matches PATTERN (grep -E).
expect() {
    local code=$1 pattern=$2
    shift 3
    local out rc
    out=$("$SMP" "$@" 2>&1)
    rc=$?
    if [ "$rc" -eq "$code" ] && printf '%s' "$out" | grep -Ezq -- "$pattern"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL: smp %s\n  wanted exit %s and /%s/, got exit %s:\n%s\n' "$*" "$code" "$pattern" "$rc" "$out"
    fi
}

# check DESCRIPTION COMMAND...: the command succeeds.
check() {
    local what=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        printf 'FAIL: %s\n' "$what"
    fi
}

finish() {
    printf '%d passed, %d failed\n' "$passed" "$failed"
    [ "$failed" -eq 0 ]
}
