echo {a,b{1,2},c}
echo {x,y}{1..2}
