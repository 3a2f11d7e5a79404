bash -c 'bash -c "exit 7"; echo inner $?'
