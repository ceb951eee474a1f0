#!/bin/sh
# Checks that never run must not pass in silence:
#   - every file(GLOB) in the CMake files is redone at each build
#     (CONFIGURE_DEPENDS), so a new test case is run without re-running cmake;
#   - .ci/deps installs clang-format, and .ci/run's formatting step fails
#     when the tool is missing instead of being skipped.
#
#   checks-run.sh SOURCE_DIR
set -u
src=$1
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1
for f in CMakeLists.txt tests/CMakeLists.txt; do
    bad=$(grep -n 'file(GLOB' "$f" | grep -v 'CONFIGURE_DEPENDS')
    [ -z "$bad" ] || fail "$f: a glob without CONFIGURE_DEPENDS misses new files until cmake is re-run: $bad"
done
grep -q 'clang-format' .ci/deps || fail ".ci/deps does not install clang-format"
! grep -q 'if command -v clang-format' .ci/run || fail ".ci/run skips the formatting check without clang-format"
grep -q 'clang-format --dry-run --Werror' .ci/run || fail ".ci/run has no formatting check"
echo "ok: every glob redone at each build; the formatting check cannot be skipped"
