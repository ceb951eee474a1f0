#!/bin/sh
# Inputs too large or too odd to keep in the repository, made at test time:
# a 5 MiB submission, and a folder named like a year that holds no files.
# Each must give a clear message and the right exit status.
#
#   generated-inputs.sh BIN
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

expect() { # expect NAME EXIT EXPECTED-OUTPUT ACTUAL-OUTPUT ACTUAL-EXIT
    if [ "$4" != "$3" ] || [ "$5" != "$2" ]; then
        printf 'FAIL %s\n--- expected (exit %s):\n%s\n--- got (exit %s):\n%s\n' \
            "$1" "$2" "$3" "$5" "$4"
        status=1
    else
        echo "ok $1"
    fi
}

# A file over the 4 MiB limit is refused before it is parsed.
head -c 5242880 /dev/zero | tr '\0' 'x' >"$tmp/huge.yaml"
out=$(cd "$tmp" && NO_COLOR=1 "$bin" validate huge.yaml 2>&1)
expect "file too large" 1 "huge.yaml: error: the file is 5242880 bytes; a data file may be at most 4194304 bytes (4 MiB)
  hint: a submission holds one partner's figures for one year and is a few kilobytes; check that this is the right file
sscp-report: warning: no partnership.yaml in this folder or the one above it, so partner ids are not checked
  hint: pass --data DIR to name the folder that holds partnership.yaml
Checked 1 submission: 1 error, 1 warning." "$out" $?

# A year folder with no submissions in it.
mkdir -p "$tmp/data/2019-20"
printf 'format: 1\npartnership: {name: A, short_name: B, area: C}\npartners: [{id: a, name: A}]\n' \
    >"$tmp/data/partnership.yaml"
out=$(cd "$tmp" && NO_COLOR=1 "$bin" validate 2019-20 2>&1)
expect "empty year folder" 0 "data/2019-20: warning: there are no submissions (.yaml files) in this folder
  hint: partners' files go here; \`sscp-report template PARTNER YEAR\` writes a blank one
Checked partnership.yaml: 0 errors, 1 warning." "$out" $?

# A file that cannot be read is an I/O failure (exit 3), not invalid data.
# Permissions do not stop root, so as root the case runs as an unprivileged
# user (a user namespace, or setpriv to nobody); never skipped in silence.
printf 'format: 1\n' >"$tmp/data/2019-20/locked.yaml"
chmod 000 "$tmp/data/2019-20/locked.yaml"
chmod 755 "$tmp" "$tmp/data" "$tmp/data/2019-20"
chmod 644 "$tmp/data/partnership.yaml"
unreadable() { cd "$tmp" && NO_COLOR=1 "$@" "$bin" validate data/2019-20/locked.yaml 2>&1; }
as=""
if [ "$(id -u)" -ne 0 ]; then
    as="env"
elif unshare -U true 2>/dev/null; then
    as="unshare -U"
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
if [ -n "$as" ]; then
    # shellcheck disable=SC2086
    out=$(unreadable $as)
    expect "unreadable file${as:+ (as: $as)}" 3 "data/2019-20/locked.yaml: error: cannot read the file: Permission denied
Checked partnership.yaml: 1 error, 0 warnings." "$out" $?
else
    echo "SKIP unreadable file: running as root, with no user namespace and no setpriv to drop privileges"
    [ $status -eq 0 ] && status=77
fi
exit $status
