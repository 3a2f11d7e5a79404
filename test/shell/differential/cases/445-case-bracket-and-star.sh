for w in '*' '?' a; do case $w in '*') echo star;; '?') echo q;; *) echo other;; esac; done
