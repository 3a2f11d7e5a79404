s=hello
echo ${#s}
a=(x y z)
echo ${#a[@]} ${#a[1]}
set -- 1 2 3
echo ${#}
