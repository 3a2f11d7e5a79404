true && echo yes
false && echo no
false || echo fallback
true || echo never
false && echo a || echo b
true && false || echo c
