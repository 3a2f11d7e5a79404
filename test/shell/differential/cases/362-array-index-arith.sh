a=(zero one two three)
i=1
echo ${a[i*2]} ${a[$((i+2))]}
