split() { local IFS=,; set -- $1; echo $#; }
split a,b,c
x='1 2'
set -- $x; echo $#
