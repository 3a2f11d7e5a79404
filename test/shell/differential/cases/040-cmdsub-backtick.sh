echo `echo back`
x=`echo a \`echo b\``
echo $x
