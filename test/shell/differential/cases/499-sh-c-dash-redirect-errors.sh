sh -c 'echo hi > /nonexist/x; echo after $?'
echo "status $?"
sh -c ': > /nonexist/x; echo not reached'
echo "status $?"
sh -c 'exec > /nonexist/x; echo not reached'
echo "status $?"
sh -c 'cat < /nonexist; echo after $?'
sh -c 'exec 3< /nonexist; echo not reached'
echo "status $?"
sh -c 'echo x > /etc/passwd/foo; echo $?'
sh -c 'echo x > /etc; echo $?'
sh -c '{ echo x; } > /nonexist/x; echo $?'
sh -c 'f() { echo x; }; f 2> /nonexist/x; echo $?'
sh -c 'true
cd /nonexist; echo $?
cd /etc/passwd; echo $?'
echo hi > /nonexist/x
echo "bash $?"
cd /nonexist
echo "bash cd $?"
