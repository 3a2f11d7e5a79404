x="  lead trail  "
set -- $x
echo $# "<$1>" "<$2>"
