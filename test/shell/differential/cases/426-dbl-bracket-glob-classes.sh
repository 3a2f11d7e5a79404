[[ a1 == [[:alpha:]][[:digit:]] ]] && echo cls
[[ x == [!a-c] ]] && echo neg
