bash -c "exit 256"; echo $?
bash -c "exit 300"; echo $?
