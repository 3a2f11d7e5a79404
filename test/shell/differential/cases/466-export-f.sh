f() { echo "in f $1"; }
export -f f
bash -c "f arg"
export -f nosuch
echo $?
g() { :; }
bash -c g
