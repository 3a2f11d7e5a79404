echo a > f
set -C
echo b > f
echo $?
echo c >| f
cat f
