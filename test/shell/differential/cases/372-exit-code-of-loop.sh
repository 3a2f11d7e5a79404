for i in; do :; done; echo $?
while false; do :; done; echo $?
false; for i in 1; do :; done; echo $?
