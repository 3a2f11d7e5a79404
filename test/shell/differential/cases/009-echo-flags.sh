echo -n a; echo b
echo -e "x\ty"
echo -E "x\ty"
echo -ne "1\n2\n"
echo -- -n
echo -x
