a=('one two' three)
for x in "${a[@]}"; do echo "<$x>"; done
for x in ${a[@]}; do echo "[$x]"; done
