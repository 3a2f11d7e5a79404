printf 'a\nswap line\nb\n' > f
sed -i '/swap/ s/^/#/' f
cat f
