x=$(echo hi)
echo "$x"
echo "$(echo a; echo b)"
echo $(echo a; echo b)
