echo 'a  b' 'c$HOME' '"q"'
