total=0
for f in 1 2 3 4; do
  case $((f % 2)) in
    0) total=$((total + f));;
  esac
done
echo "even sum: $total"
