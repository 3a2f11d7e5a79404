words="the quick brown fox"
count=0
for w in $words; do
  [ ${#w} -gt 3 ] && count=$((count+1))
done
echo $count
