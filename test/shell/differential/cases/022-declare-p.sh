x=1
declare -p x
a=(1 "b c")
declare -p a
export E=2
declare -p E
declare -i n=2+3
echo $n
