greet() { echo "hello $1"; }
greet world
function bye { echo "bye $*"; }
bye a b
