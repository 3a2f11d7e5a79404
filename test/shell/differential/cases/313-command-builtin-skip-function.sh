echo() { printf "wrapped\n"; }
echo hi
command echo real
unset -f echo
echo restored
