printf "%*s|\n" 5 ab
printf "%-*s|\n" 5 ab
printf "%.*f\n" 2 3.14159
