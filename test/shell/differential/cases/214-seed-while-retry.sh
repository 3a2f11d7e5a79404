n=0
until [ $n -ge 3 ]; do n=$((n+1)); echo "attempt $n"; done
