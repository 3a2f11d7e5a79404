f() { return 3; }
f; echo $?
g() { false; }
g; echo $?
h() { echo out; return; }
h; echo $?
