printf 'abc%%\n'
printf '%s%%\n' 50
