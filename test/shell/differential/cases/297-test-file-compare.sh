echo a > old; echo b > new
[ old -ef old ] && echo same
[ -L old ] || echo notlink
