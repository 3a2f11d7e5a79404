echo > a1; echo > b2; echo > c3
echo [[:alpha:]]1 [!a]2 [a-b]*
