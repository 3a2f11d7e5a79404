echo -e "abc\cdef"; echo
echo -e "\x41\0101"
