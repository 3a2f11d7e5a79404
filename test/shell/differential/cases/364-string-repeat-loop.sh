s=
for i in {1..5}; do s+="-"; done
echo $s
