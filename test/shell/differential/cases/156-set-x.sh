set -x
echo traced
x=5
echo "$x" 'a b'
set +x
echo quiet
