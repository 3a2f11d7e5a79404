printf "one\ntwo\nthree\n" > lines
n=0
while IFS= read -r line; do n=$((n+1)); echo "$n: $line"; done < lines
echo total $n
