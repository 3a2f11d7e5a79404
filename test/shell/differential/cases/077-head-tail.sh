printf "1\n2\n3\n4\n5\n" > n
head -2 n
tail -n 2 n
cat n | head -n 1
