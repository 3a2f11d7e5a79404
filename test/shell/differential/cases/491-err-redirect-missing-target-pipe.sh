echo a > | cat
