cat < nofile
echo $?
echo x > nodir/file
echo $?
mkdir d
echo x > d
echo $?
