x=5
y="x + 1"
echo $((y * 2))
