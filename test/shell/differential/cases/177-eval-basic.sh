cmd="echo evaluated"
eval $cmd
x='y=5'
eval "$x"
echo $y
eval "echo \$y"
