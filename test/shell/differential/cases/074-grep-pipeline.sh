printf "apple\nbanana\ncherry\navocado\n" > fruits
grep ^a fruits | wc -l
grep -c an fruits
grep -v a fruits
