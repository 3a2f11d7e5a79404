set -- -x -e
echo $1 $2 $-
