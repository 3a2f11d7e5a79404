for i in 1 2 3 4 5; do
  [ $i -eq 2 ] && continue
  [ $i -eq 4 ] && break
  echo $i
done
for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done
