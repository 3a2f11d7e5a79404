export V=1
unset V
bash -c 'echo "[$V]"'
