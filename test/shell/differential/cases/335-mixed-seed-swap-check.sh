printf 'Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n' > swaps
if [ $(wc -l < swaps) -le 1 ]; then echo 'swap off'; else echo 'swap on'; fi
