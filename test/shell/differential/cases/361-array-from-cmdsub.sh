arr=($(printf 'a\nb c\n'))
echo ${#arr[@]}
