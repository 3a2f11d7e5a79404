printf "echo before\nreturn 3\necho after\n" > r.sh
source r.sh
echo "status $?"
