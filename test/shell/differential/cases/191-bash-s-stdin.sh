echo "echo via stdin" | bash
echo 'echo $1' | bash -s arg1
