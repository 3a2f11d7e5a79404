str="a,b;c d"
IFS=",; " read -ra parts <<< "$str"
echo ${#parts[@]} ${parts[2]}
