if grep -q b <<< "abc"; then echo found; fi
if ! grep -q z <<< "abc"; then echo missing; fi
