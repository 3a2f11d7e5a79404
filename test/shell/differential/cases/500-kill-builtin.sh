kill
echo "status $?"
kill %3
echo "status $?"
kill abc
echo "status $?"
kill 999999
echo "status $?"
kill -FOO 1
echo "status $?"
kill -s
echo "status $?"
kill -l 15 TERM sigkill 137
kill -l 99
echo "status $?"
kill -l
type kill
sh -c 'kill 999999; echo "dash $?"; kill x; echo "dash $?"; kill %1; echo "dash $?"'
