printf "%-10s %5s\n" NAME AGE
printf "%-10s %5d\n" web 12 db 7
