cd /nonexistent
echo $?
echo x > file
cd file
echo $?
cd a b
echo $?
