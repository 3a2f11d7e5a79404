a=(apple banana cherry)
echo ${a[@]#*a}
echo ${a[@]/an/AN}
echo ${a[@]^}
echo "${a[*]}"
