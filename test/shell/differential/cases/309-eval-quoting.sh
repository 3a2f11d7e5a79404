eval "x='a b'"
echo "$x"
set -- "1 2" 3
eval "echo \$#"
