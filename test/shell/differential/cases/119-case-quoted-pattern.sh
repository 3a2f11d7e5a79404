p="*"
case x in "$p") echo literal;; $p) echo glob;; esac
