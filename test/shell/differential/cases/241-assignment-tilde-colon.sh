p=~/a:~/b
echo "$p" | sed "s#$HOME#H#g"
