{ echo a; echo b; } > g
cat g
for i in 1 2; do echo $i; done > loop
cat loop
if true; then echo inif; fi > iff
cat iff
