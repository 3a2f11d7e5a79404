set -x
for i in 1 2; do :; done
case a in a) true;; esac
[[ 1 == 1 ]]
(( 1 + 1 ))
