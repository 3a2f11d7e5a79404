cd() { echo "my cd $1"; }
cd /tmp
builtin_test=1
command -v cd
