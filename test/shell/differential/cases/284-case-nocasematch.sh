shopt -s nocasematch
case YES in yes) echo matched;; esac
[[ ABC == abc ]] && echo eq
