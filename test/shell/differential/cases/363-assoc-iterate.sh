declare -A m=([b]=2 [a]=1)
for k in a b; do echo "$k=${m[$k]}"; done
