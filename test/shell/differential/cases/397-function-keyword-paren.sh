function g() { echo g; }
g
