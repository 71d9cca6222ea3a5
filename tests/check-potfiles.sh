#!/bin/sh
# Every source file with a translatable string is in po/POTFILES.in, and every listed file exists.
cd "${1:?usage: check-potfiles.sh SOURCE_ROOT}" || exit 2
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')
for f in $listed; do
  [ -f "$f" ] || { echo "po/POTFILES.in lists $f, which does not exist"; status=1; }
done
for f in $(grep -lE '\b(N_|C_|_)\(' src/*/*.c) $(grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui 2>/dev/null); do
  echo "$listed" | grep -qx "$f" || { echo "$f has translatable strings but is not in po/POTFILES.in"; status=1; }
done
[ $status -eq 0 ] && echo "po/POTFILES.in lists all $(echo "$listed" | wc -l) files with translatable strings"
exit $status
