printf 'a\nb\n' > f
{ read x; read y; } < f
echo $y$x
