mkdir d
echo x >> d
echo $?
cat < d
echo $?
