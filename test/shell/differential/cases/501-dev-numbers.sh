ls -l /dev/null /dev/zero /dev/random /dev/urandom | awk '{print $1, $5, $6, $NF}'
head -c 5 /dev/urandom | wc -c
head -c 3 /dev/zero | od -An -c
