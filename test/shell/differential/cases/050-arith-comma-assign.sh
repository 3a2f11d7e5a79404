echo $((x=2, y=x*3, y+1)) $x $y
