cat <(echo from procsub)
while read l; do echo "got $l"; done < <(printf "1\n2\n")
