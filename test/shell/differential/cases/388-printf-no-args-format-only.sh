printf 'plain\n'
printf '%s\n'
