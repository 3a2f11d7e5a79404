echo "echo hi" > script.sh
./script.sh
echo $?
