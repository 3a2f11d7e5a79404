echo $'a\tb' $'line1\nline2' $'\x41\101' $'q\'s'
