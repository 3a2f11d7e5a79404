a() { local v=a; b; echo a:$v; }
b() { local v=b; c; echo b:$v; }
c() { v=c; }
a
