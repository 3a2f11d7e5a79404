f() { echo in f; } > fout
f
cat fout
