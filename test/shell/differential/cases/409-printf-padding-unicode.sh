printf '%-6s|\n' ab
printf '%5.1f|%-8.3e|\n' 3.14159 31415.9
printf '%+d % d %+.2f\n' 5 5 1.5
