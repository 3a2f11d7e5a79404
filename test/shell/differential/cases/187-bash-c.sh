bash -c 'echo $0 $1 $2' name a b
bash -c 'exit 5'; echo $?
bash -c "echo one; echo two"
sh -c 'echo from sh'
