printf '[%(%F)T]\n' 0
printf '%(%a %b %e %T %Z %Y)T\n' 86400
printf '%(%D %R %j %p %I)T\n' 1700000000
