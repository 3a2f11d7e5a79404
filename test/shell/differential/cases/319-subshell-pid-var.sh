echo $$ > p1
( echo $$ > p2 )
[ "$(cat p1)" = "$(cat p2)" ] && echo same-pid
echo $BASHPID > p3
