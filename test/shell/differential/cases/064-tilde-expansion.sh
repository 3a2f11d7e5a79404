echo ~ | sed "s#^$HOME#HOME#"
echo "~"
x=~/dir
echo $x | sed "s#^$HOME#HOME#"
