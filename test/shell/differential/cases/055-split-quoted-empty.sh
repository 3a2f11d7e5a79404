set -- "" ""
echo $#
x=""
set -- $x
echo $#
