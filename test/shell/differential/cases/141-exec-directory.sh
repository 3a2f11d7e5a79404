mkdir dir
./dir
echo $?
