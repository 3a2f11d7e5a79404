a=('x y' 'q"z')
declare -p a
