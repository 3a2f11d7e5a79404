s=abcdef
for i in 0 2 4; do echo ${s:i:2}; done
