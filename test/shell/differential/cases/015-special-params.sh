set -- a b "c d"
echo $# $1 $3
echo "$@"
echo "$*"
for x in "$@"; do echo "<$x>"; done
for x in $*; do echo "[$x]"; done
