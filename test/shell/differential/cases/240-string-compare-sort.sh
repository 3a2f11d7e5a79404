[ apple \< banana ] && echo less
[[ b > a ]] && echo greater
