#!/usr/bin/env bash
# Runs every part even when one fails, then prints one summary line per part, so a red run says
# everything that is wrong at once. Exit status: 0 if all parts passed, 1 otherwise.
#   run-parts.sh "name=command" ...     (each command is run by bash -c)
set -u
results=(); failed=0
for spec in "$@"; do
  name=${spec%%=*}; cmd=${spec#*=}
  echo "==> part $name: $cmd"
  start=$(date +%s)
  bash -c "$cmd"; rc=$?
  took=$(( $(date +%s) - start ))
  if [ "$rc" = 0 ]; then results+=("part $name: ok (${took} s)"); else results+=("part $name: FAILED, exit $rc (${took} s)"); failed=1; fi
done
echo "==== summary"
printf '%s\n' "${results[@]}"
exit $failed
