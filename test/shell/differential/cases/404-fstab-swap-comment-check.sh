printf '/swap.img\tnone\tswap\tsw\t0\t0\n' > fstab
sed -i '/ swap / s/^\(.*\)$/#\1/g' fstab
cat fstab
sed -ri 's/(.*swap.*)/#\1/' fstab
cat fstab
grep -c '^#' fstab
