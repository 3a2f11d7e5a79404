printf 'exit 42\n' > e.sh
bash e.sh
echo $?
