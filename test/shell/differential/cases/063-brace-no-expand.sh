echo {a} {} "{a,b}" \{a,b\}
echo a{b
