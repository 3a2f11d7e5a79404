a=()
a+=(x)
a[3]=y
echo ${#a[@]} ${a[@]}
