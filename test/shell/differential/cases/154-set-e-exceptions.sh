set -e
if false; then :; fi
false || true
false && true
! true
while false; do :; done
echo survived
(false)
echo never
