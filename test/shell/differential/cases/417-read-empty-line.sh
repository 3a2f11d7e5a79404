printf '\nx\n' | { read a; echo "1[$a] $?"; read b; echo "2[$b]"; }
