n=3
echo {1..$n}
a=x
echo {$a,y}
