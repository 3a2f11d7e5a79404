printf "x 1\ny 2\nz 3\n" | awk '{s+=$2} END {print s}'
printf "a:b:c\n" | awk -F: '{print $2}'
