v="multi word"
cat <<< $v
cat <<< "$v"
