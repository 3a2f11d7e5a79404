umask
umask 077
umask
umask -S
