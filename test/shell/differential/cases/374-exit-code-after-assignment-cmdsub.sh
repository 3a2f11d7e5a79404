x=$(exit 4); echo $?
x=1 y=$(exit 5); echo $?
