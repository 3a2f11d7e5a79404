x=parent
export y=exported
bash -c 'echo "[$x][$y]"'
