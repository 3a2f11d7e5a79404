f() { echo result; return 2; }
v=$(f)
echo "$v $?"
