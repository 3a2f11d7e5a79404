printf "%d\n" abc
echo $?
