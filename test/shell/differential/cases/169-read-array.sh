read -a arr <<< "x y z"
echo ${arr[1]} ${#arr[@]}
