printf "%s|%5s|%-5s|%.2s\n" abc de fg hijk
printf "%d %05d %x %X %o %c\n" 42 42 255 255 8 xyz
printf "%.3f %e\n" 3.14159 1234.5
