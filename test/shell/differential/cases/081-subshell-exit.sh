(exit 4)
echo $?
( echo a; exit 0; echo b )
echo after
