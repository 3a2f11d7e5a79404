printf "x\ny\n" > in
wc -l < in
while read l; do echo "[$l]"; done < in
