set -o pipefail
false | true; echo $?
true | (exit 3) | true; echo $?
