export FOO=bar
bash -c 'echo $FOO'
BAZ=1
bash -c 'echo "[$BAZ]"'
export BAZ
bash -c 'echo "[$BAZ]"'
