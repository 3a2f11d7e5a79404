echo x > f; mkdir d; : > empty
[ -f f ] && echo file
[ -d d ] && echo dir
[ -e nope ] || echo noexist
[ -s f ] && echo nonempty
[ -s empty ] || echo emptyfile
[ -r f ] && echo readable
[ -w f ] && echo writable
[ -x f ] || echo notexec
