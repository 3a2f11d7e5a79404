echo x > a > b
cat a; echo ---; cat b
