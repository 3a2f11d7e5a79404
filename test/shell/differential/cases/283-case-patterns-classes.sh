for x in a1 B2 _3 "" "a b"; do case "$x" in [[:lower:]]*) echo "lower $x";; [[:upper:]]*) echo "upper $x";; *\ *) echo "space";; "") echo empty;; *) echo "other $x";; esac; done
