read -n 3 x <<< "abcdef"
echo $x
