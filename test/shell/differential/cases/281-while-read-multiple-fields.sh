printf "a 1 x\nb 2 y z\n" | while read k v rest; do echo "$k|$v|$rest"; done
