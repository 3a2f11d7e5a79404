a=(one two three)
echo ${a[0]} ${a[2]}
echo ${a[@]}
echo ${#a[@]}
a[5]=six
echo ${a[@]} ${#a[@]}
echo ${!a[@]}
for x in "${a[@]}"; do echo "<$x>"; done
