count=$(printf "a\nb\n" | wc -l)
echo "There are $count lines"
