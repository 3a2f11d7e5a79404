f() { echo "$# $@"; shift; echo "$1"; }
f a b c
echo "outer $#"
