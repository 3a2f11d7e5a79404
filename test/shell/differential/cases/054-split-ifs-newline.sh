IFS=$'\n'
lines="one two
three"
for l in $lines; do echo "<$l>"; done
